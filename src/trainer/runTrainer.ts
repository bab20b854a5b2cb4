/**
 * One training run from start to end record: creates the run's stream, records the trainer's pid,
 * writes the header and the `started` event, trains, and always finishes with an `end` record
 * (completed, stopped or error) and with the pid file removed — unless the process is killed.
 */
import * as path from 'node:path';
import { version as genmonVersion } from '../../package.json';
import type { ExperimentConfig } from '../core/config/types';
import { runIdForDirectory } from '../core/run/runId';
import { removeTrainerPid, writeTrainerPid } from '../core/run/trainerPid';
import { StreamWriter } from '../core/stream/writer';
import { STREAM_FILE_NAME, STREAM_FORMAT_VERSION, type EndRecord, type HeaderRecord } from '../protocol/stream';
import type { SelectedBackend } from './backend';
import { formatProgressLine } from './progressLine';
import type { StopSignal } from './stopSignal';
import { runTrainingLoop } from './trainingLoop';
import { TrainingSession } from './trainingSession';

export const TRAINER_NAME = 'genmon-trainer';

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
}

export type TrainerExitCode = 0 | 1;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runTrainer(options: TrainerRunOptions): Promise<TrainerExitCode> {
  const { config, runDir, backend, stop } = options;
  const clock = options.clock ?? Date.now;
  const startTime = clock();
  // create() refuses a non-empty existing stream, so two trainers can never write one run.
  const writer = StreamWriter.create(path.join(runDir, STREAM_FILE_NAME));
  let session: TrainingSession | undefined;
  try {
    writeTrainerPid(runDir);
    const header: HeaderRecord = {
      type: 'header',
      formatVersion: STREAM_FORMAT_VERSION,
      runId: runIdForDirectory(path.basename(path.resolve(runDir)), new Date(startTime)),
      createdAt: new Date(startTime).toISOString(),
      config,
      configSource: options.configText,
      configPath: path.resolve(options.configPath),
      trainer: { name: TRAINER_NAME, version: genmonVersion, backend: backend.backend, backendReason: backend.reason },
    };
    writer.write(header);
    writer.write({ type: 'event', kind: 'started', iteration: 0, time: clock(), message: `backend ${backend.backend} (${backend.reason})` });

    session = new TrainingSession(backend.tf, config, startTime);
    const result = await runTrainingLoop({
      session,
      sink: writer,
      stop,
      maxIterations: config.training.maxIterations,
      snapshotEvery: config.snapshot.every,
      clock,
      onSnapshot: (snapshot) => {
        options.out(formatProgressLine(config.name, snapshot, config.training.maxIterations, backend.backend));
      },
    });
    const { iteration } = result;
    const end: EndRecord = result.stoppedBy
      ? { type: 'end', reason: 'stopped', iteration, time: clock(), message: `stopped by ${result.stoppedBy.cause}` }
      : { type: 'end', reason: 'completed', iteration, time: clock() };
    writer.write(end);
    options.out(`[${config.name}] ${end.reason} at iteration ${iteration}`);
    return 0;
  } catch (error) {
    const message = errorMessage(error);
    const iteration = session?.completedIterations ?? 0;
    options.err(`[${config.name}] training failed at iteration ${iteration}: ${message}`);
    try {
      writer.write({ type: 'end', reason: 'error', iteration, time: clock(), message });
    } catch (writeError) {
      options.err(`[${config.name}] could not record the error in the stream: ${errorMessage(writeError)}`);
    }
    return 1;
  } finally {
    session?.dispose();
    writer.close();
    removeTrainerPid(runDir);
  }
}
