import {
  describeWorkerRequestProblem,
  type HostToProjectionWorker,
  type ProjectionEvent,
  type ProjectionJob,
  type ProjectionOptions,
  type ProjectionViewName,
  type ProjectionWorkerToHost,
} from '../../protocol/projection';
import { ProjectionEngine, type ProjectionInput } from './engine';
import { resolveProjectionOptions } from './options';

export type PostToHost = (message: ProjectionWorkerToHost, transfer?: ArrayBuffer[]) => void;

/**
 * The worker's side of the protocol, independent of worker_threads so it can be tested directly:
 * one engine per view, first frames of every view before any refinement, errors reported as
 * messages (a bad snapshot must not take the worker down).
 */
export class ProjectionSession {
  private readonly engines = new Map<ProjectionViewName, ProjectionEngine>();
  private readonly options: ProjectionOptions;

  /** Throws a clear error for invalid options, before any snapshot arrives. */
  constructor(
    options: Partial<ProjectionOptions>,
    private readonly post: PostToHost,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.options = resolveProjectionOptions(options);
  }

  /** Handles one message; returns false when the worker should close. */
  handle(message: unknown): boolean {
    const problem = describeWorkerRequestProblem(message);
    if (problem) {
      const jobId = jobIdOf(message);
      this.post({ type: 'error', jobId, message: `projection worker: ${problem}` });
      if (jobId !== null) this.post({ type: 'done', jobId, elapsedMs: 0 });
      return true;
    }
    const request = message as HostToProjectionWorker;
    switch (request.type) {
      case 'close':
        return false;
      case 'reset':
        this.engines.clear();
        return true;
      case 'restore':
        this.guard(null, () => this.engine(request.input.view).restore({ ...request.input, iteration: request.iteration }, request.coordinates));
        return true;
      case 'project':
        this.project(request.job);
        return true;
    }
  }

  private project(job: ProjectionJob): void {
    const start = this.clock();
    const runs = job.views.map((view) => {
      const input: ProjectionInput = { ...view, iteration: job.iteration };
      return { view: view.view, steps: this.guard(job.jobId, () => this.engine(view.view).steps(input, this.clock)) };
    });
    // First frames of every view go out before any view's refinement starts.
    for (const run of runs) if (run.steps) this.pull(job.jobId, run.steps, true);
    for (const run of runs) if (run.steps) this.pull(job.jobId, run.steps, false);
    this.post({ type: 'done', jobId: job.jobId, elapsedMs: this.clock() - start });
  }

  /** Posts events from `steps`: only up to the first frame when `firstOnly`, else to the end. */
  private pull(jobId: number, steps: Generator<ProjectionEvent>, firstOnly: boolean): void {
    this.guard(jobId, () => {
      for (;;) {
        const next = steps.next();
        if (next.done) return;
        const event = next.value;
        this.post({ type: 'event', jobId, event }, event.kind === 'frame' ? [event.coordinates.buffer as ArrayBuffer] : []);
        if (firstOnly && event.kind === 'frame') return;
      }
    });
  }

  private engine(view: ProjectionViewName): ProjectionEngine {
    let engine = this.engines.get(view);
    if (!engine) {
      engine = new ProjectionEngine(this.options, view);
      this.engines.set(view, engine);
    }
    return engine;
  }

  private guard<T>(jobId: number | null, action: () => T): T | undefined {
    try {
      return action();
    } catch (error) {
      this.post({ type: 'error', jobId, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }
}

function jobIdOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) return null;
  const job = (message as { job?: { jobId?: unknown } }).job;
  return typeof job?.jobId === 'number' && Number.isInteger(job.jobId) && job.jobId >= 0 ? job.jobId : null;
}
