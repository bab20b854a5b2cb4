/**
 * Messages between the extension host and the Projection webview panel.
 * Both sides switch over these unions in one handler each, so adding a message is a compile error
 * until both sides handle it.
 */

export type RunPhase = 'starting' | 'running' | 'paused' | 'stopping' | 'completed' | 'stopped' | 'error' | 'interrupted' | 'waiting';

/** What the panel shows about the run in its header. */
export interface RunStatusView {
  readonly title: string;
  readonly phase: RunPhase;
  readonly iteration: number;
  readonly maxIterations?: number;
  readonly stepsPerSecond?: number;
  readonly backend?: string;
  readonly runDir?: string;
  readonly message?: string;
}

/** One snapshot reduced to what the panel draws: 2D coordinates, row-major [x0, y0, x1, y1, …]. */
export interface SnapshotFrame {
  readonly index: number;
  readonly iteration: number;
  readonly time: number;
  readonly real: readonly number[];
  readonly generated: readonly number[];
  readonly metrics: Readonly<Record<string, number>>;
}

/** What the panel keeps in `setState`, so a reloaded window can restore it. */
export interface ProjectionPanelState {
  readonly configUri: string;
  readonly runDir?: string;
  readonly selectedIndex?: number;
  readonly follow?: boolean;
}

export type HostToProjectionMessage =
  | { readonly type: 'reset'; readonly configUri: string; readonly runDir?: string; readonly status: RunStatusView }
  | { readonly type: 'frames'; readonly frames: readonly SnapshotFrame[] }
  | { readonly type: 'status'; readonly status: RunStatusView }
  | { readonly type: 'streamError'; readonly message: string };

export type ProjectionCommand = 'start' | 'pause' | 'resume' | 'stop';
const PROJECTION_COMMANDS: readonly string[] = ['start', 'pause', 'resume', 'stop'];

export type ProjectionToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'command'; readonly command: ProjectionCommand }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string };

/** Host-side guard: webview messages are untrusted input. */
export function isProjectionToHostMessage(value: unknown): value is ProjectionToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; command?: unknown; level?: unknown; message?: unknown };
  switch (message.type) {
    case 'ready':
      return true;
    case 'command':
      return typeof message.command === 'string' && PROJECTION_COMMANDS.includes(message.command);
    case 'log':
      return (message.level === 'info' || message.level === 'error') && typeof message.message === 'string';
    default:
      return false;
  }
}
