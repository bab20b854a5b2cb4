import type { Worker } from 'node:worker_threads';
import {
  isProjectionWorkerToHost,
  type HostToProjectionWorker,
  type ProjectionEvent,
  type ProjectionJob,
  type ProjectionOptions,
  type ProjectionViewInput,
} from '../../protocol/projection';
import { startWorker, workerScript } from '../workers/startWorker';
import { LatestOnlyQueue } from './latestOnlyQueue';
import { resolveProjectionOptions } from './options';

/** File name of the bundled worker next to the extension's bundle (scripts/build.mjs writes it). */
export const PROJECTION_WORKER_BUNDLE = 'projectionWorker.js';

export type JobOutcome = 'done' | 'dropped';

export interface ProjectionWorkerOptions {
  readonly projection?: Partial<ProjectionOptions>;
  /** Worker script; default: dist/projectionWorker.js beside this bundle, or worker.ts under tsx. */
  readonly script?: string;
  /** Node options for a bundled (.js) worker script. */
  readonly execArgv?: string[];
  /** Every frame and quality report, in order, with the iteration's job. */
  readonly onEvent: (event: ProjectionEvent, job: { jobId: number; iteration: number }) => void;
  /** Problems: a snapshot the worker rejected, a failed projection, or the worker dying. */
  readonly onError?: (message: string) => void;
}

interface InFlight {
  readonly job: ProjectionJob;
  readonly resolve: (outcome: JobOutcome) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Projects snapshots in a worker thread so a slow projection never blocks the extension host.
 * Snapshots are coalesced: while one is being projected, only the newest waiting one is kept.
 */
export class ProjectionWorker {
  private readonly worker: Worker;
  private readonly queue: LatestOnlyQueue<InFlight>;
  private current: InFlight | undefined;
  private nextJobId = 1;
  private failure: Error | undefined;
  private disposed = false;
  private readonly started: Promise<void>;
  private markStarted: (() => void) | undefined;
  private markFailed: ((error: Error) => void) | undefined;

  constructor(private readonly options: ProjectionWorkerOptions) {
    const projection = resolveProjectionOptions(options.projection);
    this.started = new Promise<void>((resolve, reject) => {
      this.markStarted = resolve;
      this.markFailed = reject;
    });
    // Nobody may ever ask whether it started; a failure is reported through onError as well.
    this.started.catch(() => undefined);
    const script = options.script ?? defaultWorkerScript();
    this.worker = startWorker(script, projection, options.execArgv);
    this.queue = new LatestOnlyQueue<InFlight>({
      run: (entry) => this.run(entry),
      onDropped: (entry) => entry.resolve('dropped'),
    });
    this.worker.on('message', (message: unknown) => this.receive(message));
    this.worker.on('error', (error) => this.fail(new Error(`projection worker failed: ${error.message}`)));
    this.worker.on('exit', (code) => {
      if (!this.disposed) this.fail(new Error(`projection worker exited unexpectedly (code ${code})`));
    });
  }

  /**
   * Queues a snapshot's views. Resolves 'done' once its last event was delivered, or 'dropped' if a
   * newer snapshot replaced it before it started; rejects if the worker has died or is disposed.
   * Awaiting each call before the next (a finished run's backlog) never drops anything.
   */
  submit(iteration: number, views: readonly ProjectionViewInput[]): Promise<JobOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed) return Promise.reject(new Error('projection worker is disposed'));
    const job: ProjectionJob = { jobId: this.nextJobId++, iteration, views };
    return new Promise<JobOutcome>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
    });
  }

  /** Continues a view from a map computed earlier (the run's cache), so the next snapshot is a warm one. */
  restore(iteration: number, input: ProjectionViewInput, coordinates: Float32Array): void {
    this.send({ type: 'restore', iteration, input, coordinates });
  }

  /** Forgets every view's map (e.g. a different run is shown now). */
  reset(): void {
    this.send({ type: 'reset' });
  }

  /** Resolves once the thread has loaded and can take snapshots (submitting earlier is fine too). */
  ready(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed) return Promise.reject(new Error('projection worker is disposed'));
    return this.started;
  }

  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** Stops the thread; a waiting snapshot resolves 'dropped', the running one rejects. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.markFailed?.(new Error('projection worker is disposed'));
    this.queue.close();
    this.current?.reject(new Error('projection worker is disposed'));
    this.current = undefined;
    await this.worker.terminate();
  }

  private run(entry: InFlight): Promise<void> {
    if (this.failure || this.disposed) {
      entry.reject(this.failure ?? new Error('projection worker is disposed'));
      return Promise.resolve();
    }
    return new Promise<void>((settled) => {
      const finish = (outcome: () => void): void => {
        outcome();
        settled();
      };
      this.current = {
        job: entry.job,
        resolve: (outcome) => finish(() => entry.resolve(outcome)),
        reject: (error) => finish(() => entry.reject(error)),
      };
      this.send({ type: 'project', job: entry.job });
    });
  }

  private receive(message: unknown): void {
    if (!isProjectionWorkerToHost(message)) {
      this.options.onError?.('projection worker sent a malformed message');
      return;
    }
    const current = this.current;
    switch (message.type) {
      case 'ready':
        this.markStarted?.();
        return;
      case 'event':
        if (current && message.jobId === current.job.jobId) this.options.onEvent(message.event, { jobId: current.job.jobId, iteration: current.job.iteration });
        return;
      case 'error':
        this.options.onError?.(message.message);
        return;
      case 'done':
        if (current && message.jobId === current.job.jobId) {
          this.current = undefined;
          current.resolve('done');
        }
        return;
    }
  }

  private send(message: HostToProjectionWorker): void {
    if (this.failure || this.disposed) return;
    this.worker.postMessage(message);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.markFailed?.(error);
    this.options.onError?.(error.message);
    this.current?.reject(error);
    this.current = undefined;
    this.queue.close();
  }
}

/** The bundled worker when running from dist/, the TypeScript source when running under tsx (tests, bench). */
export function defaultWorkerScript(): string {
  return workerScript(__dirname, __filename, PROJECTION_WORKER_BUNDLE, 'worker.ts');
}
