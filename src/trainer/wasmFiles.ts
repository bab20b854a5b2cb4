/**
 * Where the wasm backend's `.wasm` binaries are on disk. The trainer never fetches them from the
 * network: bundled (dist/cli.js) it uses the copies scripts/build.mjs puts in dist/wasm/; run from
 * source (tsx) it uses the installed package's own dist/ folder.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PROBE_FILE = 'tfjs-backend-wasm.wasm';

/** The folder holding the wasm binaries, with a trailing separator as setWasmPaths() expects. */
export function wasmBinaryFolder(moduleDir: string = __dirname): string {
  const bundled = join(moduleDir, 'wasm');
  if (existsSync(join(bundled, PROBE_FILE))) return `${bundled}/`;
  const requireHere = createRequire(join(moduleDir, 'noop.js'));
  const packageJson = requireHere.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return `${join(dirname(packageJson), 'dist')}/`;
}
