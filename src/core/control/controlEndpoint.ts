/**
 * `<runDir>/control.json`: where a running trainer's control channel listens and the token a
 * client must present. Only the owner may read it (mode 0600): the token is what keeps other
 * local users from pausing or stopping someone's run. It is replaced atomically (temp + rename),
 * so a reader never sees half a file, and it is removed when the trainer exits.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROL_FILE_NAME, CONTROL_PROTOCOL_VERSION } from '../../protocol/control';

export interface ControlEndpoint {
  readonly protocol: number;
  readonly host: string;
  readonly port: number;
  /** 64 hex characters (32 random bytes). */
  readonly token: string;
  readonly pid: number;
}

export function controlEndpointPath(runDir: string): string {
  return path.join(runDir, CONTROL_FILE_NAME);
}

export function createControlToken(): string {
  return randomBytes(32).toString('hex');
}

export function writeControlEndpoint(runDir: string, endpoint: ControlEndpoint): void {
  const target = controlEndpointPath(runDir);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  // 'wx' with mode 0600: the token is never readable by others, not even for a moment.
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(endpoint)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Why a run's control channel cannot be reached; the message says what to do. */
export class ControlEndpointError extends Error {}

export function readControlEndpoint(runDir: string): ControlEndpoint {
  const file = controlEndpointPath(runDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ControlEndpointError(`no trainer is running in ${runDir} (no ${CONTROL_FILE_NAME})`);
    throw new ControlEndpointError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ControlEndpointError(`${file} is not JSON`);
  }
  const endpoint = json as Partial<Record<keyof ControlEndpoint, unknown>> | null;
  const valid =
    endpoint !== null &&
    typeof endpoint === 'object' &&
    endpoint.protocol === CONTROL_PROTOCOL_VERSION &&
    endpoint.host === '127.0.0.1' &&
    Number.isSafeInteger(endpoint.port) &&
    (endpoint.port as number) > 0 &&
    (endpoint.port as number) < 65536 &&
    typeof endpoint.token === 'string' &&
    /^[0-9a-f]{64}$/.test(endpoint.token) &&
    Number.isSafeInteger(endpoint.pid);
  if (!valid) throw new ControlEndpointError(`${file} does not describe a genmon control channel of protocol ${CONTROL_PROTOCOL_VERSION}`);
  return endpoint as ControlEndpoint;
}

/** Removes the file if it still names `pid`: a newer trainer's file is not ours to remove. */
export function removeControlEndpoint(runDir: string, pid: number = process.pid): void {
  try {
    if (readControlEndpoint(runDir).pid !== pid) return;
  } catch {
    return;
  }
  fs.rmSync(controlEndpointPath(runDir), { force: true });
}
