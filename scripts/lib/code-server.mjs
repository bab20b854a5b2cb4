// Starts and stops a code-server (a real VS Code, served to a browser) for `npm start` and the
// end-to-end tests: loopback only, no auth, state isolated under one folder, own process group.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureE2eTools } from './e2e-tools.mjs';
import { findFreePort } from './free-port.mjs';
import { isAlive, pollUntil, processGroupMembers, signalEach } from './process-group.mjs';
import { codeServerDirs, codeServerEnv } from './state-dirs.mjs';
import { writeUserSettings } from './user-settings.mjs';
import { installExtension, packageExtension } from './vsix.mjs';

export { ensureE2eTools, e2eToolPaths, installedE2eTools } from './e2e-tools.mjs';
export { findFreePort } from './free-port.mjs';
export { isAlive, pollUntil, processGroupMembers } from './process-group.mjs';
export { cleanUserSettings, writeUserSettings } from './user-settings.mjs';
export { extensionId, installExtension, packageExtension } from './vsix.mjs';
export { codeServerDirs } from './state-dirs.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Packages the repository's extension (dist/ must be built) and installs it into extensionsDir.
 * @returns {Promise<string>} the VSIX path
 */
export async function installRepoExtension({ tools, extensionsDir, stateDir, vsixOut }) {
  const vsixPath = await packageExtension(repoRoot, vsixOut);
  mkdirSync(extensionsDir, { recursive: true });
  await installExtension(tools, { vsixPath, extensionsDir, dirs: codeServerDirs(stateDir) });
  return vsixPath;
}

/**
 * Starts code-server detached, in its own process group, and resolves once /healthz answers.
 * @param {object} options
 * @param {{ node: string, codeServerEntry: string }} [options.tools] installed on demand when omitted
 * @param {string} options.stateDir XDG folders, user data and the log go here
 * @param {string} options.extensionsDir
 * @param {string} options.workspace the folder to open
 * @param {number} [options.port] preferred port; another free one is used when it is busy
 * @param {Record<string, unknown>} [options.settings] user settings on top of the clean defaults
 * @param {number} [options.healthTimeoutMs]
 */
export async function startCodeServer(options) {
  const tools = options.tools ?? (await ensureE2eTools());
  const dirs = codeServerDirs(options.stateDir);
  writeUserSettings(dirs.userData, options.settings);
  const port = await findFreePort(options.port);
  const args = [
    tools.codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', options.extensionsDir,
    options.workspace,
  ];
  const logFd = openSync(dirs.log, 'a');
  // detached: a new session and process group, so one signal to -pid reaches every descendant
  // and a Ctrl-C in the launcher's terminal reaches only the launcher, which then stops it cleanly.
  const child = spawn(tools.node, args, { detached: true, stdio: ['ignore', logFd, logFd], env: codeServerEnv(dirs) });
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${tools.node}`);

  let exitStatus;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exitStatus = { code, signal };
      resolve(exitStatus);
    });
  });
  const url = `http://127.0.0.1:${port}/`;
  const server = {
    url,
    port,
    pid,
    logFile: dirs.log,
    userDataDir: dirs.userData,
    workspace: options.workspace,
    exited,
    /** Whether code-server's main process has exited. */
    hasExited: () => exitStatus !== undefined,
    stop: (stopOptions) => stopProcessGroup(pid, exited, () => exitStatus !== undefined, stopOptions),
    logTail: (lines) => logTail(dirs.log, lines),
  };
  try {
    await waitForHealth(url, exited, options.healthTimeoutMs ?? 90_000);
  } catch (error) {
    await server.stop({ signal: 'SIGKILL' });
    throw new Error(`${error.message}\n--- ${dirs.log} (tail) ---\n${logTail(dirs.log, 40)}`);
  }
  return server;
}

/**
 * Signals every process in the group (all but sparePids), waits for them to go, escalating to
 * SIGKILL after timeoutMs. Sparing a pid lets a test kill VS Code around a child it spawned and
 * then check that the child notices on its own.
 */
async function stopProcessGroup(pgid, exited, hasExited, { signal = 'SIGTERM', sparePids = [], timeoutMs = 15_000 } = {}) {
  const spare = new Set(sparePids);
  const remaining = () => processGroupMembers(pgid).filter((pid) => !spare.has(pid));
  const gone = () => hasExited() && remaining().length === 0;
  if (gone()) return;
  if (spare.size === 0) {
    try {
      process.kill(-pgid, signal);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  } else {
    signalEach(remaining(), signal);
  }
  if (!(await pollUntil(gone, timeoutMs))) {
    signalEach(remaining(), 'SIGKILL');
    if (isAlive(pgid)) signalEach([pgid], 'SIGKILL');
    if (!(await pollUntil(gone, 5_000))) {
      throw new Error(`code-server process group ${pgid} did not exit: still running ${remaining().join(', ')}`);
    }
  }
  await exited;
}

async function waitForHealth(url, exited, timeoutMs) {
  let hasExited = false;
  const exitWatch = exited.then((status) => {
    hasExited = true;
    return status;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) {
      const status = await exitWatch;
      throw new Error(`code-server exited before answering (${status.signal ?? `exit ${status.code}`})`);
    }
    try {
      const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs / 1000} s`);
}

/** The last lines of a log file, or a note that it does not exist. */
export function logTail(file, lines = 80) {
  if (!existsSync(file)) return `(no log at ${file})`;
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}
