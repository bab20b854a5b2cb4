/**
 * Turns the ways a trainer is asked to stop into one flag the training loop polls between steps,
 * so a stop always ends on a whole iteration with a final snapshot and an `end` record:
 * SIGTERM and SIGINT, and — with `exitWithParent` — stdin closing, which is how a trainer learns
 * that the process that spawned it with a stdin pipe (the VS Code extension host) has died.
 */

export interface StopRequest {
  /** 'SIGTERM', 'SIGINT' or 'stdin closed'. */
  readonly cause: string;
}

export interface StopSignalOptions {
  readonly exitWithParent: boolean;
  /** Called when a stop is asked for a second time; the CLI exits at once then (a second Ctrl-C). */
  readonly onRepeatedStop?: (cause: string) => void;
}

export class StopSignal {
  private request: StopRequest | undefined;
  private readonly waiters: ((request: StopRequest) => void)[] = [];
  private readonly onTerm = (): void => this.requestStop('SIGTERM');
  private readonly onInt = (): void => this.requestStop('SIGINT');
  private readonly onStdinEnd = (): void => this.requestStop('stdin closed');
  private disposed = false;

  constructor(private readonly options: StopSignalOptions) {
    process.on('SIGTERM', this.onTerm);
    process.on('SIGINT', this.onInt);
    if (options.exitWithParent) {
      process.stdin.on('end', this.onStdinEnd);
      process.stdin.on('close', this.onStdinEnd);
      process.stdin.on('error', this.onStdinEnd);
      // Flowing mode discards anything written to stdin and lets 'end' fire when the pipe closes.
      process.stdin.resume();
    }
  }

  get requested(): StopRequest | undefined {
    return this.request;
  }

  /** Resolves when a stop is requested (at once if it already was): a paused trainer waits on it. */
  whenRequested(): Promise<StopRequest> {
    if (this.request) return Promise.resolve(this.request);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  requestStop(cause: string): void {
    if (this.request) {
      // The stdin listeners fire 'end' then 'close' for one event; only signals count as repeats.
      if (cause.startsWith('SIG')) this.options.onRepeatedStop?.(cause);
      return;
    }
    const request = { cause };
    this.request = request;
    for (const resolve of this.waiters.splice(0)) resolve(request);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    process.off('SIGTERM', this.onTerm);
    process.off('SIGINT', this.onInt);
    if (this.options.exitWithParent) {
      process.stdin.off('end', this.onStdinEnd);
      process.stdin.off('close', this.onStdinEnd);
      process.stdin.off('error', this.onStdinEnd);
      // A resumed stdin pipe would keep the process alive after training.
      process.stdin.destroy();
    }
  }
}
