/**
 * Everything `genmon train --resume <run-dir>` needs before it starts anything: the run's header
 * (its config and identity), the config re-validated by this genmon, and the newest complete
 * checkpoint. Every reason not to resume is a ResumeRefusedError whose message says what to do.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../core/config/parse';
import { formatKeyPath } from '../../core/config/problem';
import type { ExperimentConfig } from '../../core/config/types';
import { isRecordedTrainerAlive, readTrainerPid } from '../../core/run/trainerPid';
import { readStreamFile } from '../../core/stream/reader';
import { STREAM_FILE_NAME, type HeaderRecord } from '../../protocol/stream';
import { CHECKPOINTS_FOLDER, latestCheckpoint, type Checkpoint } from './checkpointStore';
import { configHash } from './configHash';

export interface ResumePlan {
  readonly runDir: string;
  readonly header: HeaderRecord;
  /** The header's config, validated again (a newer genmon may have changed the schema). */
  readonly config: ExperimentConfig;
  /** configHash of the header's config: the resumed run's checkpoints carry it too. */
  readonly configHash: string;
  readonly checkpoint: Checkpoint;
  readonly checkpointPath: string;
  /** Newer checkpoint folders that could not be read, with why. */
  readonly skipped: readonly string[];
}

export class ResumeRefusedError extends Error {}

export function planResume(runDir: string): ResumePlan {
  const refuse = (problem: string): never => {
    throw new ResumeRefusedError(`cannot resume ${runDir}: ${problem}`);
  };
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) refuse('no such run directory');
  const streamFile = path.join(runDir, STREAM_FILE_NAME);
  if (!existsSync(streamFile)) refuse(`it holds no ${STREAM_FILE_NAME}`);
  if (isRecordedTrainerAlive(runDir)) refuse(`a trainer (pid ${readTrainerPid(runDir)}) is still running it; stop it first`);

  let header: HeaderRecord | undefined;
  try {
    header = readStreamFile(streamFile).records.find((entry) => entry.record.type === 'header')?.record as HeaderRecord | undefined;
  } catch (error) {
    refuse(`its stream cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!header) return refuse('its stream has no header record');

  const parsed = parseConfig(JSON.stringify(header.config));
  if (!parsed.config) {
    const errors = parsed.problems.filter((problem) => problem.severity === 'error').map((problem) => `${formatKeyPath(problem.path)}: ${problem.message}`);
    return refuse(`the config recorded in its stream is no longer valid for this genmon (${errors.join('; ')})`);
  }

  const hash = configHash(header.config);
  const latest = latestCheckpoint(runDir);
  if (!latest.checkpoint) {
    const why = latest.skipped.length > 0 ? `; unreadable: ${latest.skipped.join('; ')}` : '';
    return refuse(`it has no complete checkpoint in ${CHECKPOINTS_FOLDER}/ (a checkpoint is written by the control channel's checkpoint command, by a stop and at the end of training)${why}`);
  }
  const { checkpoint } = latest;
  if (checkpoint.configHash !== hash) refuse(`its newest checkpoint (${latest.path}) was saved with a different config than the run's`);
  if (checkpoint.runId !== header.runId) refuse(`its newest checkpoint (${latest.path}) belongs to run ${checkpoint.runId}, not ${header.runId}`);
  return { runDir, header, config: parsed.config, configHash: hash, checkpoint, checkpointPath: latest.path, skipped: latest.skipped };
}
