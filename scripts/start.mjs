// `npm start`: builds genmon, packages it as a VSIX, installs it into a private code-server
// (a real VS Code in the browser) with the examples/ folder open, and serves it on 127.0.0.1
// until Ctrl-C. Everything it keeps lives under .e2e/ in the repository (gitignored).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureE2eTools, installedE2eTools, installRepoExtension, repoRoot, startCodeServer } from './lib/code-server.mjs';

const usage = `usage: npm start [-- [--port N] [--folder DIR] [--no-install] [--no-build]]
  --port N      preferred port (default: $GENMON_PORT or 8765; a free one is used if busy)
  --folder DIR  folder to open (default: examples/)
  --no-install  do not run scripts/e2e-tools.sh (the tools must already be in its cache)
  --no-build    package dist/ as it is instead of running \`npm run build\` first`;

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    folder: { type: 'string' },
    'no-install': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(flags.port ?? process.env.GENMON_PORT ?? 8765);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`genmon start: --port must be a TCP port number, got "${flags.port ?? process.env.GENMON_PORT}"\n${usage}`);
  process.exit(2);
}

const e2eDir = join(repoRoot, '.e2e');
const step = (message) => console.log(`genmon start: ${message}`);

try {
  if (!flags['no-build']) {
    step('building dist/ (npm run build)');
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed (see above)');
  }
  step('checking Node 24, code-server and Chromium (scripts/e2e-tools.sh; minutes the first time)');
  const tools = flags['no-install'] ? await installedE2eTools() : await ensureE2eTools();
  step('packaging and installing the extension');
  const stateDir = join(e2eDir, 'code-server');
  const extensionsDir = join(e2eDir, 'extensions');
  const vsixPath = await installRepoExtension({ tools, extensionsDir, stateDir });
  step(`installed ${vsixPath}`);
  const workspace = flags.folder ? join(process.cwd(), flags.folder) : join(repoRoot, 'examples');
  const server = await startCodeServer({ tools, stateDir, extensionsDir, workspace, port });
  serveUntilSignalled(server);
} catch (error) {
  console.error(`genmon start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

function serveUntilSignalled(server) {
  if (server.port !== port) step(`port ${port} is busy; using ${server.port}`);
  console.log(
    `\n  genmon is running in VS Code (code-server), with ${server.workspace} open, at:\n\n    ${server.url}\n\n` +
      `  log: ${server.logFile}\n  Press Ctrl-C to stop.\n`,
  );

  let stopping = false;
  const stop = async (reason) => {
    if (stopping) return;
    stopping = true;
    step(`${reason}: stopping code-server`);
    try {
      await server.stop();
      process.exit(0);
    } catch (error) {
      console.error(`genmon start: ${error.message}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));
  // If the launcher dies some other way, its detached code-server must not outlive it.
  process.on('exit', () => {
    if (!server.hasExited()) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  void server.exited.then((status) => {
    if (stopping) return;
    console.error(`genmon start: code-server exited on its own (${status.signal ?? `exit ${status.code}`}); log tail:\n${server.logTail(30)}`);
    process.exit(1);
  });
}
