/**
 * What continuing a run — in place (`--resume`) or as a branch — needs from the run first: that it
 * is a stopped run directory, its header, and the config in that header re-validated by this
 * genmon. Each problem goes to `refuse`, which throws the caller's own error with its own wording.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../core/config/parse';
import { formatKeyPath } from '../../core/config/problem';
import type { ExperimentConfig } from '../../core/config/types';
import { isRecordedTrainerAlive, readTrainerPid } from '../../core/run/trainerPid';
import { readStreamFile } from '../../core/stream/reader';
import { STREAM_FILE_NAME, type HeaderRecord } from '../../protocol/stream';
import { configHash } from './configHash';

export interface RecordedRun {
  readonly header: HeaderRecord;
  /** The header's config, validated again (a newer genmon may have changed the schema). */
  readonly config: ExperimentConfig;
  /** configHash of the header's config: what the run's checkpoints carry. */
  readonly configHash: string;
}

export function readRecordedRun(runDir: string, refuse: (problem: string) => never): RecordedRun {
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
  return { header, config: parsed.config, configHash: configHash(header.config) };
}
