/**
 * The host's handle on a run's analysis worker thread. Catch-up requests are coalesced: while one
 * runs, any number of further requests become one more, so a trainer writing snapshots faster than
 * they are analysed never builds a queue (each catch-up takes everything new).
 */
import type { Worker } from 'node:worker_threads';
import { isAnalysisWorkerToHost, type AnalysisWorkerData, type AnalysisWorkerToHost, type HostToAnalysisWorker } from '../../protocol/analysis';
import type { AlertRulesInput } from '../alerts/rules';
import type { Alert } from '../alerts/types';
import type { AlertHighlight } from './alertHighlight';
import { startWorker, workerScript } from '../workers/startWorker';

export const ANALYSIS_WORKER_BUNDLE = 'analysisWorker.js';

type SnapshotMessage = Extract<AnalysisWorkerToHost, { type: 'snapshot' }>;
type CaughtUpMessage = Extract<AnalysisWorkerToHost, { type: 'caught-up' }>;

export interface AnalysisWorkerOptions {
  readonly runDirectory: string;
  readonly rules?: AlertRulesInput;
  /** Worker script; default: dist/analysisWorker.js beside this bundle, or worker.ts under tsx. */
  readonly script?: string;
  readonly execArgv?: string[];
  readonly onSnapshot: (message: SnapshotMessage) => void;
  readonly onCaughtUp: (message: CaughtUpMessage) => void;
  /** Problems: a failed analysis, a malformed message, the worker dying. */
  readonly onError: (message: string) => void;
}

export class AnalysisWorker {
  private readonly worker: Worker;
  private running = false;
  private again = false;
  private disposed = false;
  private failed = false;
  private idleWaiters: (() => void)[] = [];
  private nextRequestId = 1;
  private readonly highlights = new Map<number, { resolve: (value: AlertHighlight) => void; reject: (error: Error) => void }>();

  constructor(private readonly options: AnalysisWorkerOptions) {
    const data: AnalysisWorkerData = { runDirectory: options.runDirectory, ...(options.rules ? { rules: options.rules } : {}) };
    this.worker = startWorker(options.script ?? workerScript(__dirname, __filename, ANALYSIS_WORKER_BUNDLE, 'worker.ts'), data, options.execArgv);
    this.worker.on('message', (message: unknown) => this.receive(message));
    this.worker.on('error', (error) => this.fail(`analysis worker failed: ${error.message}`));
    this.worker.on('exit', (code) => {
      if (!this.disposed) this.fail(`analysis worker exited unexpectedly (code ${code})`);
    });
  }

  /** Analyse what the stream has gained. */
  catchUp(): void {
    if (this.disposed || this.failed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.send({ type: 'catch-up' });
  }

  setRules(rules: AlertRulesInput): void {
    this.send({ type: 'set-rules', rules });
  }

  /** The points of the snapshot at `offset` that an alert is about. */
  highlight(offset: number, alert: Pick<Alert, 'kind' | 'evidence'>): Promise<AlertHighlight> {
    if (this.disposed || this.failed) return Promise.reject(new Error('the analysis worker is not running'));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.highlights.set(requestId, { resolve, reject });
      this.send({ type: 'highlight', requestId, offset, alert: { kind: alert.kind, evidence: alert.evidence } });
    });
  }

  /** Resolves when no catch-up is running or asked for. */
  whenIdle(): Promise<void> {
    if (!this.running || this.disposed || this.failed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.settleIdle();
    this.rejectHighlights('the analysis worker is disposed');
    await this.worker.terminate();
  }

  private receive(message: unknown): void {
    if (!isAnalysisWorkerToHost(message)) {
      this.options.onError('analysis worker sent a malformed message');
      return;
    }
    switch (message.type) {
      case 'ready':
        return;
      case 'snapshot':
        this.options.onSnapshot(message);
        return;
      case 'error':
        this.options.onError(message.message);
        this.finishCatchUp();
        return;
      case 'caught-up':
        this.options.onCaughtUp(message);
        this.finishCatchUp();
        return;
      case 'highlight': {
        const pending = this.highlights.get(message.requestId);
        this.highlights.delete(message.requestId);
        if (message.error) pending?.reject(new Error(message.error));
        else pending?.resolve({ realRows: message.realRows, generatedRows: message.generatedRows });
        return;
      }
    }
  }

  private finishCatchUp(): void {
    this.running = false;
    if (this.again) {
      this.again = false;
      this.catchUp();
      return;
    }
    this.settleIdle();
  }

  private rejectHighlights(reason: string): void {
    for (const pending of this.highlights.values()) pending.reject(new Error(reason));
    this.highlights.clear();
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private send(message: HostToAnalysisWorker): void {
    if (this.disposed || this.failed) return;
    this.worker.postMessage(message);
  }

  private fail(message: string): void {
    if (this.failed || this.disposed) return;
    this.failed = true;
    this.running = false;
    this.options.onError(message);
    this.settleIdle();
    this.rejectHighlights(message);
  }
}
