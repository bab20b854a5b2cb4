import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunTimeline } from '../../core/monitor/runTimeline';
import { configNameOf } from '../../core/monitor/runDirectory';
import { StreamTailer } from '../../core/stream/tailer';
import type { RunPhase, RunStatusView, SnapshotFrame } from '../../protocol/projectionPanel';
import { STREAM_FILE_NAME, type SnapshotRecord, type StreamRecord } from '../../protocol/stream';
import { RunAlerts } from '../alerts/runAlerts';
import { Disposable } from '../dispose';
import type { ControlCommandInput } from '../../core/control/trainerControlClient';
import type { ControlAck, ControlCommandType } from '../../protocol/control';
import { describeControlFailure, RunControl } from './runControl';
import { RunProjections } from './runProjections';
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
  private newestSnapshot: { readonly index: number; readonly record: SnapshotRecord } | undefined;
  private runProjections: RunProjections | undefined;
  private readonly control: RunControl;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<RunChange>());
  readonly onDidChange = this.changeEmitter.event;
  /** Metrics and alerts of every snapshot, computed in a worker and recorded beside the run. */
  readonly alerts: RunAlerts;

  constructor(
    readonly configUri: vscode.Uri,
    readonly runDir: string,
    private readonly trainer: TrainerProcess | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.title = configNameOf(configUri.fsPath);
    this.control = this.register(new RunControl(runDir));
    this.tailer = new StreamTailer(path.join(runDir, STREAM_FILE_NAME), {
      onRecords: (records) => {
        const generation = this.timeline.generation;
        const newFrames = this.timeline.ingest(
          records.map((entry) => entry.record),
          records.map((entry) => entry.offset),
        );
        this.keepNewestSnapshot(records.map((entry) => entry.record));
        this.changeEmitter.fire({ newFrames, restarted: this.timeline.generation !== generation });
      },
      onError: (error) => {
        const message = `stream error at byte ${error.offset}: ${error.message}`;
        this.log.warn(`[${this.title}] ${message}`);
        this.changeEmitter.fire({ newFrames: [], streamError: message });
      },
    });
    this.register({ dispose: () => this.tailer.dispose() });
    this.alerts = this.register(new RunAlerts(this, log));
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

  /** The newest snapshot record: the only one whose arrays stay in memory (the live one, about to be projected). */
  get latestSnapshot(): { readonly index: number; readonly record: SnapshotRecord } | undefined {
    return this.newestSnapshot;
  }

  /** The projections of this run's views, started the first time something shows them. */
  get projections(): RunProjections {
    this.runProjections ??= this.register(new RunProjections(this, this.log));
    return this.runProjections;
  }

  get fileName(): string {
    return path.basename(this.configUri.fsPath);
  }

  /** True while this window's trainer process is alive. */
  get isActive(): boolean {
    return this.trainer !== undefined && this.trainer.exit === undefined;
  }

  get status(): RunStatusView {
    // While the process lives, the stream says whether it runs or is paused; the process knows
    // better only before the stream has a header and once it has been asked to stop.
    let processPhase: RunPhase | undefined = this.processPhase;
    if (this.isActive) {
      processPhase = this.processPhase === 'stopping' ? 'stopping' : this.timeline.header ? undefined : 'starting';
    }
    const status = this.timeline.status(this.fileName, processPhase, this.runDir);
    return this.exitMessage && !this.timeline.ended ? { ...status, message: this.exitMessage } : status;
  }

  /** True while the stream says the trainer is paused. */
  get isPaused(): boolean {
    return this.isActive && this.timeline.phase === 'paused';
  }

  /**
   * Asks the trainer to stop through its control channel (recorded in the stream as a command);
   * a trainer that cannot be reached gets SIGTERM, and one that does not exit in time is killed.
   */
  async stop(): Promise<void> {
    if (!this.trainer || !this.isActive) return;
    this.processPhase = 'stopping';
    this.changeEmitter.fire({ newFrames: [] });
    const asked = await this.command('stop', 'stop training', { quiet: true });
    if (!asked) this.log.warn(`[${this.title}] control channel unavailable; stopping the trainer with SIGTERM`);
    // An acknowledged stop still gets a signal if the trainer has not exited a few seconds later.
    await this.trainer.stop(asked ? 5_000 : 0);
  }

  /**
   * Sends a control command; shows a message and returns undefined when it fails.
   * `quiet` leaves the message to the caller (stop has a fallback of its own).
   */
  async command(
    type: Exclude<ControlCommandType, 'set' | 'augment' | 'sample'>,
    verb: string,
    options: { readonly quiet?: boolean } = {},
  ): Promise<ControlAck | undefined> {
    return this.request({ type }, verb, options);
  }

  /** Any control command, e.g. an augment with its parameters; same failure handling as `command`. */
  async request(input: ControlCommandInput, verb: string, options: { readonly quiet?: boolean } = {}): Promise<ControlAck | undefined> {
    const type = input.type;
    if (!this.isActive) {
      if (!options.quiet) void vscode.window.showInformationMessage(`genmon: ${this.fileName} is not training.`);
      return undefined;
    }
    try {
      const reply = await this.control.send(input);
      if (reply.ok) return reply;
      if (!options.quiet) void vscode.window.showWarningMessage(describeControlFailure(verb, reply));
      this.log.warn(`[${this.title}] ${type}: ${reply.code}: ${reply.message}`);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (!options.quiet) void vscode.window.showErrorMessage(describeControlFailure(verb, failure));
      this.log.warn(`[${this.title}] ${type}: ${failure.message}`);
    }
    return undefined;
  }

  private keepNewestSnapshot(records: readonly StreamRecord[]): void {
    const frames = this.timeline.frames;
    const newest = frames[frames.length - 1];
    for (let i = records.length - 1; i >= 0; i--) {
      const record = records[i];
      if (record?.type !== 'snapshot') continue;
      if (newest && record.iteration === newest.iteration) this.newestSnapshot = { index: newest.index, record };
      return;
    }
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
