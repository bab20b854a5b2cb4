/**
 * Runs jobs one at a time; while one runs, at most one more waits, and a newer job replaces the
 * waiting one. Snapshots can arrive faster than projections finish: the map then skips to the
 * newest snapshot instead of falling ever further behind.
 */
export interface LatestOnlyQueueOptions<T> {
  readonly run: (job: T) => Promise<void>;
  /** Called with each job that was replaced before it ran. */
  readonly onDropped?: (job: T) => void;
  /** Called when a job's run rejects; the queue carries on with the next one. */
  readonly onError?: (error: unknown, job: T) => void;
}

export class LatestOnlyQueue<T> {
  private running: T | undefined;
  private waiting: { job: T } | undefined;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: LatestOnlyQueueOptions<T>) {}

  /** Adds a job; returns the job it replaced, if any. Ignored after close(). */
  push(job: T): T | undefined {
    if (this.closed) return undefined;
    if (this.running === undefined) {
      this.start(job);
      return undefined;
    }
    const replaced = this.waiting?.job;
    if (this.waiting) this.options.onDropped?.(this.waiting.job);
    this.waiting = { job };
    return replaced;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  get pending(): number {
    return this.waiting ? 1 : 0;
  }

  /** Resolves once nothing runs and nothing waits. */
  whenIdle(): Promise<void> {
    if (this.running === undefined) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops the waiting job (reported as dropped) and refuses new ones; the running one finishes. */
  close(): void {
    this.closed = true;
    if (this.waiting) this.options.onDropped?.(this.waiting.job);
    this.waiting = undefined;
  }

  private start(job: T): void {
    this.running = job;
    let result: Promise<void>;
    try {
      result = this.options.run(job);
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      () => this.finish(),
      (error: unknown) => {
        this.options.onError?.(error, job);
        this.finish();
      },
    );
  }

  private finish(): void {
    this.running = undefined;
    const next = this.waiting;
    this.waiting = undefined;
    if (next && !this.closed) {
      this.start(next.job);
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
