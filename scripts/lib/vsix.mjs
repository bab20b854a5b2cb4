// Packages the extension the way users get it (a VSIX from @vscode/vsce, offline) and installs it
// into a code-server extensions folder, so end-to-end runs exercise the shipped files only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';
import { codeServerEnv } from './state-dirs.mjs';

/**
 * Runs `npm run package` in the repository and returns the VSIX path. dist/ must be built already.
 * @param {string} repoRoot
 * @param {string} [outFile] where to write the VSIX; the package script's own default otherwise
 */
export async function packageExtension(repoRoot, outFile) {
  const entry = join(repoRoot, 'dist', 'extension.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const target = outFile ?? join(repoRoot, 'genmon.vsix');
  // A later --out wins over the script's own, so callers can package without racing on the default.
  // README links are relative and the repository URL is not a GitHub one, which vsce rejects
  // unless told to leave the links alone.
  const extraArgs = ['--no-rewrite-relative-links', ...(outFile ? ['--out', outFile] : [])];
  await runCommand('npm', ['run', '--silent', 'package', '--', ...extraArgs], { cwd: repoRoot });
  if (!existsSync(target)) throw new Error(`npm run package succeeded but wrote no ${target}`);
  return target;
}

/** publisher.name-version, the folder name code-server gives an installed extension. */
export function extensionId(repoRoot) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return { id: `${manifest.publisher}.${manifest.name}`, version: String(manifest.version) };
}

/**
 * Installs (or reinstalls) a VSIX into extensionsDir with code-server's own installer.
 * @param {{ node: string, codeServerEntry: string }} tools
 * @param {{ vsixPath: string, extensionsDir: string, dirs: ReturnType<typeof import('./state-dirs.mjs').codeServerDirs> }} target
 */
export async function installExtension(tools, { vsixPath, extensionsDir, dirs }) {
  await runCommand(
    tools.node,
    [
      tools.codeServerEntry,
      '--user-data-dir', dirs.userData,
      '--extensions-dir', extensionsDir,
      '--install-extension', vsixPath,
      '--force',
    ],
    { env: codeServerEnv(dirs) },
  );
}
