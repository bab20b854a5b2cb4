/**
 * Finding a user-installed @tensorflow/tfjs-node(-gpu). genmon does not ship them (their install
 * downloads native TensorFlow), so they are looked up at run time, in order:
 *   1. `--tfjs-node-path <dir>`: <dir>/node_modules;
 *   2. the config's workspace: node_modules folders from the config's folder upwards;
 *   3. normal Node resolution from the trainer itself.
 * In each place the GPU package is preferred: someone who installed it wants the GPU.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const TFJS_NODE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
export type TfjsNodePackage = (typeof TFJS_NODE_PACKAGES)[number];

export interface TfjsNodeCandidate {
  readonly packageName: TfjsNodePackage;
  /** The resolved entry file, ready for require(). */
  readonly entry: string;
  /** Where it was found, for the run's backend reason. */
  readonly foundVia: string;
}

export interface TfjsNodeSearch {
  readonly tfjsNodePath?: string;
  readonly configDir?: string;
  /** The folder normal resolution starts from; the trainer's own by default. */
  readonly selfDir?: string;
}

function resolveFrom(dir: string, packageName: TfjsNodePackage): string | undefined {
  try {
    return createRequire(join(dir, 'noop.js')).resolve(packageName);
  } catch {
    return undefined;
  }
}

/** Only a node_modules folder that really holds the package counts: resolution from it would walk further up. */
function resolveInNodeModules(dir: string, packageName: TfjsNodePackage): string | undefined {
  if (!existsSync(join(dir, 'node_modules', packageName, 'package.json'))) return undefined;
  return resolveFrom(dir, packageName);
}

/** Every installed candidate, best first. */
export function findTfjsNode(search: TfjsNodeSearch): TfjsNodeCandidate[] {
  const found: TfjsNodeCandidate[] = [];
  const seen = new Set<string>();
  const add = (packageName: TfjsNodePackage, entry: string | undefined, foundVia: string): void => {
    if (entry === undefined || seen.has(entry)) return;
    seen.add(entry);
    found.push({ packageName, entry, foundVia });
  };

  if (search.tfjsNodePath) {
    const dir = resolve(search.tfjsNodePath);
    for (const name of TFJS_NODE_PACKAGES) add(name, resolveInNodeModules(dir, name), `--tfjs-node-path ${dir}`);
  }
  if (search.configDir) {
    let dir = resolve(search.configDir);
    for (;;) {
      for (const name of TFJS_NODE_PACKAGES) add(name, resolveInNodeModules(dir, name), `workspace ${dir}`);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  const selfDir = search.selfDir ?? __dirname;
  for (const name of TFJS_NODE_PACKAGES) add(name, resolveFrom(selfDir, name), 'node resolution');
  return found;
}
