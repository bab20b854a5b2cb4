import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunTimeline } from '../../core/monitor/runTimeline';
import { configNameOf } from '../../core/monitor/runDirectory';
import { StreamTailer } from '../../core/stream/tailer';
import type { RunPhase, RunStatusView, SnapshotFrame } from '../../protocol/projectionPanel';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import { Disposable } from '../dispose';
import type { TrainerExit, TrainerProcess } from './trainerProcess';

export interface RunChange {
  readonly newFrames: readonly SnapshotFrame[];
  /** The stream started over (file replaced or truncated): everything shown must be redrawn. */
  readonly restarted?: boolean;
  readonly streamError?: string;
}

/**
 * A run directory being watched, and the trainer process writing it when this window started it.
 * Everything shown about the run comes from the stream, so a run reopened after a reload looks the same.
 */
export class Run extends Disposable {
  readonly timeline = new RunTimeline();
  readonly title: string;
  private processPhase: RunPhase | undefined;
  private exitMessage: string | undefined;
  private readonly tailer: StreamTailer;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<RunChange>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    readonly configUri: vscode.Uri,
    readonly runDir: string,
    private readonly trainer: TrainerProcess | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.title = configNameOf(configUri.fsPath);
    this.tailer = new StreamTailer(path.join(runDir, STREAM_FILE_NAME), {
      onRecords: (records) => {
        const generation = this.timeline.generation;
        const newFrames = this.timeline.ingest(records.map((entry) => entry.record));
        this.changeEmitter.fire({ newFrames, restarted: this.timeline.generation !== generation });
      },
      onError: (error) => {
        const message = `stream error at byte ${error.offset}: ${error.message}`;
        this.log.warn(`[${this.title}] ${message}`);
        this.changeEmitter.fire({ newFrames: [], streamError: message });
      },
    });
    this.register({ dispose: () => this.tailer.dispose() });
    if (trainer) {
      this.processPhase = 'starting';
      this.register(trainer);
      this.register(
        trainer.onDidOutput(({ stream, line }) => {
          // The trainer tags its own lines with the run's name; tag the rest (library warnings).
          const tagged = line.startsWith('[') ? line : `[${this.title}] ${line}`;
          if (stream === 'stderr') this.log.error(tagged);
          else this.log.info(tagged);
        }),
      );
      this.register(trainer.onDidExit((exit) => void this.onTrainerExit(exit)));
    }
    this.tailer.start();
  }

  get fileName(): string {
    return path.basename(this.configUri.fsPath);
  }

  /** True while this window's trainer process is alive. */
  get isActive(): boolean {
    return this.trainer !== undefined && this.trainer.exit === undefined;
  }

  get status(): RunStatusView {
    const processPhase = this.isActive
      ? this.processPhase === 'stopping'
        ? 'stopping'
        : this.timeline.header
          ? 'running'
          : 'starting'
      : this.processPhase;
    const status = this.timeline.status(this.fileName, processPhase, this.runDir);
    return this.exitMessage && !this.timeline.ended ? { ...status, message: this.exitMessage } : status;
  }

  async stop(): Promise<void> {
    if (!this.trainer || !this.isActive) return;
    this.processPhase = 'stopping';
    this.changeEmitter.fire({ newFrames: [] });
    await this.trainer.stop();
  }

  private async onTrainerExit(exit: TrainerExit): Promise<void> {
    // The last records may have been written just before exit: read them before judging the outcome.
    await this.tailer.poll();
    if (this.isDisposed) return;
    if (exit.spawnError) {
      this.processPhase = 'error';
      this.exitMessage = `the trainer could not start: ${exit.spawnError}`;
    } else if (!this.timeline.ended) {
      this.processPhase = exit.code === 0 ? 'interrupted' : 'error';
      this.exitMessage = `the trainer exited (${exit.signal ?? `code ${exit.code}`}) before finishing its stream; see Genmon: Show Trainer Output`;
    } else {
      this.processPhase = undefined;
    }
    this.log.info(`[${this.title}] trainer exited: ${exit.signal ?? `code ${exit.code}`}`);
    this.changeEmitter.fire({ newFrames: [] });
  }
}
