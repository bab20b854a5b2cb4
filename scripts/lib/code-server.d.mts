// Types for code-server.mjs, which stays plain JavaScript so `npm start` runs without a build step.

export interface E2eTools {
  readonly cacheDir: string;
  /** Node 24, which code-server requires. */
  readonly node: string;
  readonly codeServerEntry: string;
  readonly chromium: string;
}

export interface CodeServerDirs {
  readonly stateDir: string;
  readonly config: string;
  readonly data: string;
  readonly cache: string;
  readonly userData: string;
  readonly log: string;
}

export interface StopOptions {
  /** Sent to every process of the group; SIGKILL follows after timeoutMs. Default SIGTERM. */
  readonly signal?: NodeJS.Signals;
  /** Processes left running, e.g. a child whose own exit a test wants to observe. */
  readonly sparePids?: readonly number[];
  readonly timeoutMs?: number;
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RunningCodeServer {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  /** The main process, also its process group id. */
  readonly pid: number;
  readonly logFile: string;
  readonly userDataDir: string;
  readonly workspace: string;
  readonly exited: Promise<ExitStatus>;
  hasExited(): boolean;
  /** Stops the whole process group and resolves once it is gone. */
  stop(options?: StopOptions): Promise<void>;
  logTail(lines?: number): string;
}

export interface StartOptions {
  readonly tools?: E2eTools;
  readonly stateDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  readonly port?: number;
  readonly settings?: Record<string, unknown>;
  readonly healthTimeoutMs?: number;
}

export const repoRoot: string;
export const cleanUserSettings: Readonly<Record<string, unknown>>;

export function ensureE2eTools(): Promise<E2eTools>;
export function installedE2eTools(): Promise<E2eTools>;
export function e2eToolPaths(cacheDir: string): E2eTools;
export function findFreePort(preferred?: number): Promise<number>;
export function processGroupMembers(pgid: number): number[];
export function isAlive(pid: number): boolean;
export function pollUntil(predicate: () => boolean, timeoutMs: number, intervalMs?: number): Promise<boolean>;
export function writeUserSettings(userDataDir: string, overrides?: Record<string, unknown>): string;
export function codeServerDirs(stateDir: string): CodeServerDirs;
export function packageExtension(repoRoot: string, outFile?: string): Promise<string>;
export function extensionId(repoRoot: string): { id: string; version: string };
export function installExtension(
  tools: E2eTools,
  target: { vsixPath: string; extensionsDir: string; dirs: CodeServerDirs },
): Promise<void>;
export function installRepoExtension(options: {
  tools: E2eTools;
  extensionsDir: string;
  stateDir: string;
  vsixOut?: string;
}): Promise<string>;
export function startCodeServer(options: StartOptions): Promise<RunningCodeServer>;
export function logTail(file: string, lines?: number): string;
