/**
 * What the control commands do to a running trainer, apart from the network: the pause gate the
 * training loop waits at between two steps, stop, checkpoint, and the settings `set` changes.
 * Every command that reaches here is recorded in the stream as an event (except `status`, a
 * query), and every state change is announced to the clients, whoever caused it (SIGTERM too).
 *
 * Commands run between two steps by construction: a step is synchronous, and the loop only
 * yields to the event loop (where control messages are handled) between steps.
 */
import {
  errorReply,
  SAMPLE_LIMITS,
  type AugmentCommand,
  type ControlAck,
  type ControlCommand,
  type ControlReply,
  type SampleCommand,
  type SetCommand,
  type StateNotification,
  type TrainerRunState,
  type TrainerSettings,
  type WelcomeMessage,
} from '../../protocol/control';
import type { ArrayMap, EventRecord, RunEventKind } from '../../protocol/stream';
import type { AugmentOutcome, AugmentRequest } from '../augment/applyAugment';
import { AugmentError } from '../augment/augmentError';
import type { SampleDrawing, SampleOutcome, SampleRequest } from '../sampling/drawSampleSets';
import { SampleError } from '../sampling/sampleError';
import type { StopSignal } from '../stopSignal';
import type { LoopControls, RecordSink } from '../trainingLoop';
import type { ControlHandler } from './controlServer';
import { settingProblem } from './settingBounds';

export interface ControlledSession {
  readonly completedIterations: number;
  setLearningRate(learningRate: number): void;
  /** Carries out an augment from the next step, or throws an AugmentError having changed nothing; absent: augment is not supported. */
  augment?(request: AugmentRequest): AugmentOutcome;
  /** Checks a sample request (throws a SampleError, drawing nothing) and returns the drawing; absent: sample is not supported. */
  sample?(request: SampleRequest): SampleDrawing;
}

export interface TrainerControllerOptions {
  readonly session: ControlledSession;
  readonly stop: Pick<StopSignal, 'requested' | 'requestStop' | 'whenRequested'>;
  /** Where command events go: the run's stream. */
  readonly sink: RecordSink;
  /** Writes a checkpoint of the current state; returns its folder's absolute path and its path relative to the run. */
  readonly saveCheckpoint: () => { readonly path: string; readonly relativePath: string };
  readonly settings: TrainerSettings;
  readonly runId: string;
  readonly maxIterations: number;
  readonly clock?: () => number;
}

/** The cause recorded when a stop comes over the control channel (StopSignal's other causes are SIGTERM, SIGINT, stdin closed). */
export const CONTROL_STOP_CAUSE = 'control channel';

export class TrainerController implements ControlHandler, LoopControls {
  private runState: TrainerRunState = 'running';
  private currentSettings: TrainerSettings;
  private release: (() => void) | undefined;
  private readonly listeners = new Set<(notification: StateNotification) => void>();
  /** Acknowledged commands whose work waits for the loop's next pass between steps (sample). */
  private readonly pendingWork: { readonly command: SampleCommand; readonly run: () => void }[] = [];
  private readonly clock: () => number;

  constructor(private readonly options: TrainerControllerOptions) {
    this.currentSettings = { ...options.settings };
    this.clock = options.clock ?? Date.now;
    void options.stop.whenRequested().then((request) => this.onStopRequested(request.cause));
  }

  get state(): TrainerRunState {
    return this.runState;
  }

  get settings(): TrainerSettings {
    return this.currentSettings;
  }

  snapshotEvery(): number {
    return this.currentSettings.snapshotEvery;
  }

  /** The training loop awaits this between steps: it resolves at once unless paused, then on resume or stop. */
  async beforeStep(): Promise<void> {
    this.runPendingWork();
    while (this.runState === 'paused' && !this.options.stop.requested) {
      // resume, a stop (whatever its source: see onStopRequested), end() and new work release the wait.
      await new Promise<void>((resolve) => (this.release = resolve));
      this.release = undefined;
      this.runPendingWork();
    }
  }

  /** State notifications for the clients; returns a function that unsubscribes. */
  onStateChange(listener: (notification: StateNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Training is over: later commands are refused and nothing more is recorded. */
  end(cause: string): void {
    if (this.runState === 'ended') return;
    this.dropPendingWork('training has ended');
    this.setState('ended', cause);
    this.release?.();
  }

  welcome(): Omit<WelcomeMessage, 'type' | 'protocol'> {
    return {
      runId: this.options.runId,
      pid: process.pid,
      state: this.runState,
      iteration: this.iteration,
      maxIterations: this.options.maxIterations,
      settings: this.currentSettings,
    };
  }

  handle(command: ControlCommand): ControlReply {
    if (command.type === 'status') return this.ack(command);
    if (this.runState === 'ended') return errorReply('invalid-state', `"${command.type}" refused: training has ended`, command.id);
    switch (command.type) {
      case 'pause':
        return this.pause(command);
      case 'resume':
        return this.resume(command);
      case 'stop':
        return this.stop(command);
      case 'checkpoint':
        return this.checkpoint(command);
      case 'set':
        return this.set(command);
      case 'augment':
        return this.augment(command);
      case 'sample':
        return this.sample(command);
    }
  }

  private get iteration(): number {
    return this.options.session.completedIterations;
  }

  private pause(command: ControlCommand): ControlReply {
    if (this.runState === 'stopping') return this.refuse(command, 'the trainer is stopping');
    if (this.runState === 'paused') return this.unchanged(command, 'already paused');
    this.record('paused', `paused by the control channel (request ${command.id})`);
    this.setState('paused', 'pause');
    return this.ack(command);
  }

  private resume(command: ControlCommand): ControlReply {
    if (this.runState !== 'paused') return this.unchanged(command, `not paused (${this.runState})`);
    this.record('unpaused', `resumed by the control channel (request ${command.id})`);
    this.setState('running', 'resume');
    this.release?.();
    return this.ack(command);
  }

  private stop(command: ControlCommand): ControlReply {
    if (this.runState === 'stopping') return this.unchanged(command, 'already stopping');
    // The loop records the `stopping` event, as for a signal; onStopRequested announces the state.
    this.options.stop.requestStop(CONTROL_STOP_CAUSE);
    // whenRequested() would announce it a microtask later; the ack must already say `stopping`.
    this.onStopRequested(CONTROL_STOP_CAUSE);
    return this.ack(command);
  }

  private checkpoint(command: ControlCommand): ControlReply {
    let saved: { path: string; relativePath: string };
    try {
      saved = this.options.saveCheckpoint();
    } catch (error) {
      const message = `checkpoint failed: ${error instanceof Error ? error.message : String(error)}`;
      this.record('warning', message);
      return errorReply('internal', message, command.id);
    }
    this.record('checkpoint', `saved ${saved.relativePath} (request ${command.id})`);
    return { ...this.ack(command), checkpoint: saved.path };
  }

  private set(command: SetCommand): ControlReply {
    if (this.runState === 'stopping') return this.refuse(command, 'the trainer is stopping');
    const problems = [
      command.learningRate !== undefined ? settingProblem('learningRate', command.learningRate) : undefined,
      command.snapshotEvery !== undefined ? settingProblem('snapshotEvery', command.snapshotEvery) : undefined,
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0) return errorReply('invalid-request', problems.join('; '), command.id);

    const before = this.currentSettings;
    const after: TrainerSettings = { learningRate: command.learningRate ?? before.learningRate, snapshotEvery: command.snapshotEvery ?? before.snapshotEvery };
    if (after.learningRate !== before.learningRate) this.options.session.setLearningRate(after.learningRate);
    this.currentSettings = after;
    const changes = (Object.keys(after) as (keyof TrainerSettings)[]).filter((key) => command[key] !== undefined).map((key) => `${key} ${before[key]} → ${after[key]}`);
    this.record('set', `${changes.join(', ')} (request ${command.id})`);
    this.notify('set');
    return this.ack(command);
  }

  private augment(command: AugmentCommand): ControlReply {
    if (this.runState === 'stopping') return this.refuse(command, 'the trainer is stopping');
    const { id: _id, type: _type, ...request } = command;
    const { session } = this.options;
    if (!session.augment) {
      this.record('command', `augment not carried out (this trainer cannot augment): ${JSON.stringify(request)} (request ${command.id})`);
      return errorReply('not-supported', 'this trainer cannot augment its dataset', command.id);
    }
    let outcome: AugmentOutcome;
    try {
      outcome = session.augment(request);
    } catch (error) {
      if (error instanceof AugmentError) {
        this.record('command', `augment refused, nothing changed: ${error.message} (request ${command.id})`);
        return errorReply(error.code, error.message, command.id);
      }
      const message = `augment failed, nothing changed: ${error instanceof Error ? error.message : String(error)}`;
      this.record('warning', `${message} (request ${command.id})`);
      return errorReply('internal', message, command.id);
    }
    // Steps run between commands, so "from the next step" is the iteration after the one completed now.
    const message = `at iteration ${this.iteration}, ${outcome.samples} samples: ${outcome.note}; applies from the next step (request ${command.id})`;
    this.record('augmented', message, { ...outcome.details, samples: outcome.samples, request: command.id });
    return { ...this.ack(command), note: outcome.note };
  }

  /**
   * Acknowledged at once, drawn before the next step: the drawing (a Jacobian per pool member) can
   * take longer than a client waits for a reply. The `sampled` event is its record.
   */
  private sample(command: SampleCommand): ControlReply {
    if (this.runState === 'stopping') return this.refuse(command, 'the trainer is stopping');
    const { id: _id, type: _type, ...request } = command;
    const { session } = this.options;
    if (!session.sample) {
      this.record('command', `sample not carried out (this trainer cannot sample): ${JSON.stringify(request)} (request ${command.id})`);
      return errorReply('not-supported', 'this trainer cannot draw samples', command.id);
    }
    let drawing: SampleDrawing;
    try {
      drawing = session.sample(request);
    } catch (error) {
      if (error instanceof SampleError) {
        this.record('command', `sample refused: ${error.message} (request ${command.id})`);
        return errorReply(error.code, error.message, command.id);
      }
      throw error;
    }
    this.pendingWork.push({ command, run: () => this.draw(command, drawing) });
    // A paused loop waits in beforeStep: wake it to draw, then it waits again.
    this.release?.();
    const count = request.count ?? SAMPLE_LIMITS.defaultCount;
    return { ...this.ack(command), note: `drawing ${count} standard and ${count} MaGNET samples before the next step; a "sampled" event will record them` };
  }

  private draw(command: SampleCommand, drawing: SampleDrawing): void {
    try {
      const outcome: SampleOutcome = drawing(this.iteration);
      this.record('sampled', `${outcome.message} (request ${command.id})`, { ...outcome.details, request: command.id }, outcome.arrays);
    } catch (error) {
      // Training goes on: a sample is an observation, and a failed one loses nothing of the run.
      this.record('warning', `sample failed, nothing recorded: ${error instanceof Error ? error.message : String(error)} (request ${command.id})`);
    }
  }

  private runPendingWork(): void {
    if (this.options.stop.requested) {
      this.dropPendingWork('the trainer is stopping');
      return;
    }
    for (let work = this.pendingWork.shift(); work; work = this.pendingWork.shift()) work.run();
  }

  private dropPendingWork(why: string): void {
    for (let work = this.pendingWork.shift(); work; work = this.pendingWork.shift()) {
      this.record('command', `${work.command.type} not carried out: ${why} (request ${work.command.id})`);
    }
  }

  private onStopRequested(cause: string): void {
    if (this.runState === 'ended' || this.runState === 'stopping') return;
    this.setState('stopping', cause);
    this.release?.();
  }

  /** A valid command that cannot apply now: recorded, and answered with invalid-state. */
  private refuse(command: ControlCommand, why: string): ControlReply {
    this.record('command', `${command.type} refused: ${why} (request ${command.id})`);
    return errorReply('invalid-state', `"${command.type}" refused: ${why}`, command.id);
  }

  /** A valid command with nothing to do: recorded, and acknowledged with a note. */
  private unchanged(command: ControlCommand, note: string): ControlReply {
    this.record('command', `${command.type}: ${note} (request ${command.id})`);
    return { ...this.ack(command), note };
  }

  private ack(command: ControlCommand): ControlAck {
    return { type: 'ack', id: command.id, ok: true, command: command.type, state: this.runState, iteration: this.iteration, settings: this.currentSettings };
  }

  private record(kind: RunEventKind, message: string, details?: Readonly<Record<string, unknown>>, arrays?: ArrayMap): void {
    const event: EventRecord = { type: 'event', kind, iteration: this.iteration, time: this.clock(), message, ...(details ? { details } : {}), ...(arrays ? { arrays } : {}) };
    this.options.sink.write(event);
  }

  private setState(state: TrainerRunState, cause: string): void {
    this.runState = state;
    this.notify(cause);
  }

  private notify(cause: string): void {
    const notification: StateNotification = { type: 'state', state: this.runState, iteration: this.iteration, settings: this.currentSettings, cause };
    for (const listener of [...this.listeners]) listener(notification);
  }
}
