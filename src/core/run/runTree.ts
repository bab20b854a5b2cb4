/**
 * The Runs view's model, read from disk: a config's runs folder → its runs (id, state, last
 * iteration, the run it branched from) → each run's checkpoints (iteration, time, size). Plain
 * data, so the view only draws it and tests can check it without VS Code. Nothing here writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BranchOrigin } from '../../protocol/stream';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import { CHECKPOINT_MANIFEST_FILE, CHECKPOINTS_FOLDER, checkpointIterationOfName } from './checkpointFolders';
import { RunProgressReader } from './runProgress';
import type { RunState } from './summary';
import { isRecordedTrainerAlive } from './trainerPid';

export interface CheckpointListing {
  readonly iteration: number;
  readonly path: string;
  /** ISO-8601 time from the manifest; undefined when the manifest cannot be read. */
  readonly savedAt: string | undefined;
  /** `command`, `stop` or `completed` from the manifest. */
  readonly reason: string | undefined;
  /** Bytes of the checkpoint's files together. */
  readonly bytes: number;
  /** Why the checkpoint looks unusable (its manifest does not read); resuming from it would be refused. */
  readonly problem?: string;
}

/** `unreadable`: the folder has a stream that cannot be read (see `problem`). */
export type RunListingState = RunState | 'unreadable';

export interface RunListing {
  readonly runDir: string;
  /** The header's run id; the folder's name until the header is written. */
  readonly runId: string;
  readonly state: RunListingState;
  readonly lastIteration: number | null;
  readonly createdAt: string | undefined;
  /** The config file the run was started from, as its header records it. */
  readonly configPath: string | undefined;
  readonly branchOf: BranchOrigin | undefined;
  /** Oldest first. */
  readonly checkpoints: readonly CheckpointListing[];
  readonly problem?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function subfolders(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(folder, entry.name)).size;
  }
  return total;
}

function checkpointListing(folder: string, iteration: number): CheckpointListing {
  let bytes = 0;
  try {
    bytes = folderBytes(folder);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, CHECKPOINT_MANIFEST_FILE), 'utf8')) as { createdAt?: unknown; reason?: unknown } | null;
    const savedAt = typeof manifest?.createdAt === 'string' ? manifest.createdAt : undefined;
    const reason = typeof manifest?.reason === 'string' ? manifest.reason : undefined;
    return { iteration, path: folder, savedAt, reason, bytes };
  } catch (error) {
    return { iteration, path: folder, savedAt: undefined, reason: undefined, bytes, problem: `its ${CHECKPOINT_MANIFEST_FILE} cannot be read: ${errorText(error)}` };
  }
}

/** A run's published checkpoints, oldest first; temporary folders of a checkpoint being written are left out. */
export function listRunCheckpoints(runDir: string): CheckpointListing[] {
  const folder = path.join(runDir, CHECKPOINTS_FOLDER);
  return subfolders(folder)
    .flatMap((name) => {
      const iteration = checkpointIterationOfName(name);
      return iteration === undefined ? [] : [checkpointListing(path.join(folder, name), iteration)];
    })
    .sort((a, b) => a.iteration - b.iteration);
}

/** Lists runs; keeps what it read of each stream, so listing again reads only what was appended. */
export class RunTreeReader {
  private readonly progress = new RunProgressReader();

  /** One run directory (one that holds a stream). */
  readRun(runDir: string): RunListing {
    const checkpoints = listRunCheckpoints(runDir);
    const base = { runDir, checkpoints };
    try {
      const progress = this.progress.read(path.join(runDir, STREAM_FILE_NAME));
      const { header } = progress;
      const state: RunState = progress.endReason ?? (isRecordedTrainerAlive(runDir) ? 'running' : 'interrupted');
      return {
        ...base,
        runId: header?.runId ?? path.basename(runDir),
        state,
        lastIteration: progress.lastIteration,
        createdAt: header?.createdAt,
        configPath: header?.configPath,
        branchOf: header?.branchOf,
        ...(progress.firstError ? { problem: `stream error at ${progress.firstError}` } : {}),
      };
    } catch (error) {
      return { ...base, runId: path.basename(runDir), state: 'unreadable', lastIteration: null, createdAt: undefined, configPath: undefined, branchOf: undefined, problem: errorText(error) };
    }
  }

  /**
   * The runs in a config's runs folder (its sub-folders holding a stream), oldest first: run ids
   * begin with their start time. Folders starting with a dot (the evaluator cache) are not runs.
   */
  listRuns(runsRoot: string): RunListing[] {
    return subfolders(runsRoot)
      .filter((name) => !name.startsWith('.') && fs.existsSync(path.join(runsRoot, name, STREAM_FILE_NAME)))
      .sort()
      .map((name) => this.readRun(path.join(runsRoot, name)));
  }

  /** Forgets streams outside these runs folders, e.g. after runs were deleted. */
  retainRunsUnder(runsRoots: readonly string[], extraRunDirs: readonly string[] = []): void {
    const keep = new Set<string>();
    for (const root of runsRoots) for (const name of subfolders(root)) keep.add(path.join(root, name, STREAM_FILE_NAME));
    for (const runDir of extraRunDirs) keep.add(path.join(runDir, STREAM_FILE_NAME));
    this.progress.retainOnly(keep);
  }
}

/** "1.2 MiB": a checkpoint's size in a tree row. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(2))} ${units[unit]}`;
}
