/**
 * One training run from start to end record: creates the run's stream (or, resuming, reopens it
 * and restores the newest checkpoint; or, branching, creates it with a header naming the parent
 * and restores the parent's checkpoint), records the trainer's pid, opens the control channel,
 * trains, saves a checkpoint when training stops or completes, and always finishes with an `end`
 * record (completed, stopped or error), the control channel closed and the pid file removed —
 * unless the process is killed. Before the first step it trains (or loads) the evaluator
 * (runEvaluator.ts) and only then writes the header, which records the evaluator; a run stopped
 * or failing before that still gets a header (without `evaluator`) and its `end` record.
 */
import * as path from 'node:path';
import { version as genmonVersion } from '../../package.json';
import type { ExperimentConfig } from '../core/config/types';
import { runIdForDirectory } from '../core/run/runId';
import { removeTrainerPid, writeTrainerPid } from '../core/run/trainerPid';
import { StreamWriter } from '../core/stream/writer';
import { STREAM_FILE_NAME, STREAM_FORMAT_VERSION, type BranchOrigin, type EndRecord, type EvaluatorInfo, type HeaderRecord } from '../protocol/stream';
import type { SelectedBackend } from './backend';
import { writeCheckpoint, type Checkpoint, type CheckpointReason, type WrittenCheckpoint } from './checkpoint/checkpointStore';
import { configHash } from './checkpoint/configHash';
import { ControlServer } from './control/controlServer';
import { TrainerController } from './control/trainerController';
import type { EvaluatorTraining } from './evaluator/options';
import { formatProgressLine } from './progressLine';
import { evaluatorTrainingFromEnvironment, runEvaluator } from './runEvaluator';
import type { StopSignal } from './stopSignal';
import { runTrainingLoop } from './trainingLoop';
import { createRunSession, type RunSession } from './runSession';

export const TRAINER_NAME = 'genmon-trainer';

/** What a resumed run continues from (see checkpoint/resumePlan.ts). */
export interface TrainerResume {
  readonly header: HeaderRecord;
  /** configHash of the header's config. */
  readonly configHash: string;
  readonly checkpoint: Checkpoint;
  readonly checkpointPath: string;
}

/**
 * What a branch run starts from (see checkpoint/branchPlan.ts): a new stream in a new directory,
 * whose header names the parent, continuing from one of the parent's checkpoints.
 */
export interface TrainerBranch {
  readonly origin: BranchOrigin;
  readonly checkpoint: Checkpoint;
  readonly checkpointPath: string;
}

export interface TrainerRunOptions {
  /** The config after defaults and command-line overrides: what the header records and the run uses. */
  readonly config: ExperimentConfig;
  readonly configText: string;
  readonly configPath: string;
  readonly runDir: string;
  readonly backend: SelectedBackend;
  readonly stop: StopSignal;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly clock?: () => number;
  /** Continue a run from a checkpoint, appending to its stream, instead of starting one. */
  readonly resume?: TrainerResume;
  /** Start a new run from another run's checkpoint; exclusive with `resume`. */
  readonly branch?: TrainerBranch;
  /** Open the control channel (default true). */
  readonly control?: boolean;
  /** Overrides of the evaluator's training budget (tests use a small one); default: GENMON_EVALUATOR_TRAINING, else none. */
  readonly evaluatorTraining?: Partial<EvaluatorTraining>;
  /** Where trained evaluators are cached; default `<parent of runDir>/.evaluators`. */
  readonly evaluatorCacheFolder?: string;
}

export type TrainerExitCode = 0 | 1;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function headerFor(options: TrainerRunOptions, startTime: number, evaluator?: EvaluatorInfo): HeaderRecord {
  const { config, backend, runDir } = options;
  return {
    type: 'header',
    formatVersion: STREAM_FORMAT_VERSION,
    runId: runIdForDirectory(path.basename(path.resolve(runDir)), new Date(startTime)),
    createdAt: new Date(startTime).toISOString(),
    config,
    configSource: options.configText,
    configPath: path.resolve(options.configPath),
    trainer: { name: TRAINER_NAME, version: genmonVersion, backend: backend.backend, backendReason: backend.reason },
    ...(evaluator ? { evaluator } : {}),
    ...(options.branch ? { branchOf: options.branch.origin } : {}),
  };
}

export async function runTrainer(options: TrainerRunOptions): Promise<TrainerExitCode> {
  const { config, runDir, backend, stop, resume, branch } = options;
  // Resuming and branching both continue from a checkpoint; only resuming appends to its run.
  const startCheckpoint = resume?.checkpoint ?? branch?.checkpoint;
  const clock = options.clock ?? Date.now;
  const startTime = clock();
  const streamPath = path.join(runDir, STREAM_FILE_NAME);
  // create() refuses a non-empty existing stream, so two fresh trainers can never write one run;
  // resume is refused while the recorded trainer is alive (resumePlan.ts).
  const writer = resume ? StreamWriter.openForAppend(streamPath) : StreamWriter.create(streamPath);
  const runId = resume ? resume.header.runId : headerFor(options, startTime).runId;
  const hash = resume ? resume.configHash : configHash(config);
  let session: RunSession | undefined;
  let server: ControlServer | undefined;
  let controller: TrainerController | undefined;
  // A resumed stream has its header; a new one gets it once the evaluator is ready (or the run ends first).
  let headerWritten = resume !== undefined;
  const writeHeader = (evaluator?: EvaluatorInfo): void => {
    writer.write({ ...headerFor(options, startTime, evaluator), runId });
    headerWritten = true;
  };
  try {
    writeTrainerPid(runDir);
    const startIteration = startCheckpoint?.iteration ?? 0;
    if (resume) {
      const { checkpoint } = resume;
      const dropped = writer.droppedBytes > 0 ? `; dropped ${writer.droppedBytes} bytes of an incomplete record` : '';
      const message = `resumed from ${path.relative(runDir, resume.checkpointPath) || '.'} (${checkpoint.reason}) to maxIterations ${config.training.maxIterations}; backend ${backend.backend} (${backend.reason})${dropped}`;
      writer.write({ type: 'event', kind: 'resumed', iteration: startIteration, time: clock(), message });
    }

    // elapsedSeconds in snapshots counts training time: a resumed run goes on from the checkpoint's.
    const trainingStart = startTime - (startCheckpoint?.elapsedSeconds ?? 0) * 1000;
    // Relative image-folder paths resolve against the config's folder, as the editor's checks do.
    const baseDirectory = options.configPath !== '' ? path.dirname(path.resolve(options.configPath)) : undefined;
    const activeSession = createRunSession(backend.tf, config, trainingStart, baseDirectory !== undefined ? { baseDirectory } : {});
    session = activeSession;
    if (startCheckpoint) activeSession.restoreState(startCheckpoint.state);
    const evaluatorTraining = options.evaluatorTraining ?? evaluatorTrainingFromEnvironment(process.env);
    const evaluator = await runEvaluator(activeSession, {
      name: config.name,
      seed: config.seed,
      runDir,
      ...(options.evaluatorCacheFolder !== undefined ? { cacheFolder: options.evaluatorCacheFolder } : {}),
      ...(baseDirectory !== undefined ? { baseDirectory } : {}),
      ...(evaluatorTraining ? { training: evaluatorTraining } : {}),
      stop,
      out: options.out,
      err: options.err,
    });
    if ('stoppedBy' in evaluator) {
      // Nothing trained yet: no checkpoint to save; a resumed run keeps the one it started from, a branch has its parent's.
      if (!headerWritten) writeHeader();
      const end: EndRecord = { type: 'end', reason: 'stopped', iteration: startIteration, time: clock(), message: `stopped by ${evaluator.stoppedBy.cause} during evaluator training` };
      writer.write(end);
      options.out(`[${config.name}] stopped during evaluator training`);
      return 0;
    }
    if (!resume) {
      writeHeader(evaluator.summary);
      const origin = branch ? `branch of run ${branch.origin.parentRunId} from ${branch.checkpointPath}; ` : '';
      writer.write({ type: 'event', kind: 'started', iteration: startIteration, time: clock(), message: `${origin}backend ${backend.backend} (${backend.reason})` });
    }
    if (branch) {
      // A branch's stream would otherwise show nothing until its first snapshot step: give panels the
      // checkpoint's state as a first frame. Snapshots draw no training randomness, so this changes no step.
      const first = activeSession.snapshot(startIteration, clock());
      writer.write(first);
      options.out(formatProgressLine(config.name, first, config.training.maxIterations, backend.backend, activeSession.lossNames));
    }
    const settings = startCheckpoint?.settings ?? { learningRate: config.training.learningRate, snapshotEvery: config.snapshot.every };

    const saveCheckpoint = (reason: CheckpointReason): WrittenCheckpoint =>
      writeCheckpoint(runDir, {
        runId,
        iteration: activeSession.completedIterations,
        reason,
        configHash: hash,
        elapsedSeconds: (clock() - trainingStart) / 1000,
        settings: controller?.settings ?? settings,
        state: activeSession.saveState(),
      });
    const activeController = new TrainerController({
      session: activeSession,
      stop,
      sink: writer,
      saveCheckpoint: () => saveCheckpoint('command'),
      settings,
      runId,
      maxIterations: config.training.maxIterations,
      clock,
    });
    controller = activeController;
    if (options.control ?? true) server = await startControl(activeController, runDir, writer, clock, options.err, config.name);

    const result = await runTrainingLoop({
      session: activeSession,
      sink: writer,
      stop,
      maxIterations: config.training.maxIterations,
      snapshotEvery: () => activeController.snapshotEvery(),
      startIteration,
      controls: activeController,
      clock,
      onSnapshot: (snapshot) => {
        options.out(formatProgressLine(config.name, snapshot, config.training.maxIterations, backend.backend, activeSession.lossNames));
      },
    });
    const { iteration } = result;
    // Stopped or completed, the run can be continued (`genmon train --resume`) from here. The end
    // record's message names this final checkpoint; `checkpoint` events are for the command's.
    let savedNote = '';
    try {
      savedNote = `checkpoint saved: ${saveCheckpoint(result.stoppedBy ? 'stop' : 'completed').relativePath}`;
    } catch (error) {
      const message = `the final checkpoint could not be written: ${errorMessage(error)}`;
      options.err(`[${config.name}] ${message}`);
      writer.write({ type: 'event', kind: 'warning', iteration, time: clock(), message });
    }
    const end: EndRecord = result.stoppedBy
      ? { type: 'end', reason: 'stopped', iteration, time: clock(), message: [`stopped by ${result.stoppedBy.cause}`, savedNote].filter(Boolean).join('; ') }
      : { type: 'end', reason: 'completed', iteration, time: clock(), ...(savedNote ? { message: savedNote } : {}) };
    activeController.end(end.reason);
    writer.write(end);
    options.out(`[${config.name}] ${end.reason} at iteration ${iteration}`);
    return 0;
  } catch (error) {
    const message = errorMessage(error);
    const iteration = session?.completedIterations ?? 0;
    controller?.end('error');
    options.err(`[${config.name}] training failed at iteration ${iteration}: ${message}`);
    try {
      if (!headerWritten) writeHeader();
      writer.write({ type: 'end', reason: 'error', iteration, time: clock(), message });
    } catch (writeError) {
      options.err(`[${config.name}] could not record the error in the stream: ${errorMessage(writeError)}`);
    }
    return 1;
  } finally {
    // The channel closes before the stream does: no command can write after the end record.
    await server?.close();
    session?.dispose();
    writer.close();
    removeTrainerPid(runDir);
  }
}

/** A control channel that cannot open is a warning, not a failure: training goes on without it. */
async function startControl(
  controller: TrainerController,
  runDir: string,
  writer: StreamWriter,
  clock: () => number,
  err: (line: string) => void,
  name: string,
): Promise<ControlServer | undefined> {
  try {
    const server = await ControlServer.start({ runDir, handler: controller, log: (line) => err(`[${name}] ${line}`) });
    controller.onStateChange((notification) => server.broadcast(notification));
    return server;
  } catch (error) {
    const message = `the control channel could not be opened: ${errorMessage(error)}`;
    err(`[${name}] ${message}`);
    writer.write({ type: 'event', kind: 'warning', iteration: controller.welcome().iteration, time: clock(), message });
    return undefined;
  }
}
