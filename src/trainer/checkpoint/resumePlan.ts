/**
 * Everything `genmon train --resume <run-dir>` needs before it starts anything: the run's header
 * (its config and identity), the config re-validated by this genmon, and the newest complete
 * checkpoint. Every reason not to resume is a ResumeRefusedError whose message says what to do.
 */
import type { ExperimentConfig } from '../../core/config/types';
import type { HeaderRecord } from '../../protocol/stream';
import { CHECKPOINTS_FOLDER, latestCheckpoint, type Checkpoint } from './checkpointStore';
import { readRecordedRun } from './recordedRun';

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
  const { header, config, configHash: hash } = readRecordedRun(runDir, refuse);
  const latest = latestCheckpoint(runDir);
  if (!latest.checkpoint) {
    const why = latest.skipped.length > 0 ? `; unreadable: ${latest.skipped.join('; ')}` : '';
    return refuse(`it has no complete checkpoint in ${CHECKPOINTS_FOLDER}/ (a checkpoint is written by the control channel's checkpoint command, by a stop and at the end of training)${why}`);
  }
  const { checkpoint } = latest;
  if (checkpoint.configHash !== hash) refuse(`its newest checkpoint (${latest.path}) was saved with a different config than the run's`);
  if (checkpoint.runId !== header.runId) refuse(`its newest checkpoint (${latest.path}) belongs to run ${checkpoint.runId}, not ${header.runId}`);
  return { runDir, header, config, configHash: hash, checkpoint, checkpointPath: latest.path, skipped: latest.skipped };
}
