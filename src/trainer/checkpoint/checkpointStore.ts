/**
 * Checkpoints on disk: `<runDir>/checkpoints/<iteration>/` holding `manifest.json` and
 * `state.bin` (docs/control-channel.md, "Checkpoints"). A checkpoint is written in a temporary
 * folder and renamed into place, so a folder with a checkpoint's name is always complete: a crash
 * while writing leaves only a `.tmp-*` folder, which resume ignores.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHECKPOINT_MANIFEST_FILE, CHECKPOINTS_FOLDER, checkpointIterationOfName } from '../../core/run/checkpointFolders';
import { crc32 } from '../../core/stream/crc32';
import { typedArrayFromLittleEndian } from '../../core/stream/dtypes';
import type { TrainerSettings } from '../../protocol/control';
import { publishFolder } from '../atomicFolder';
import { packFloat32Arrays, type PackedArrayEntry } from '../packedArrays';
import type { SavedState, StateArray } from './savedState';

export { CHECKPOINTS_FOLDER };
export const CHECKPOINT_FORMAT = 'genmon-checkpoint';
export const CHECKPOINT_VERSION = 1;
const MANIFEST_FILE = CHECKPOINT_MANIFEST_FILE;
const DATA_FILE = 'state.bin';

/** Why a checkpoint was written: a `checkpoint` command, a stop, or the end of training. */
export type CheckpointReason = 'command' | 'stop' | 'completed';

export interface Checkpoint {
  readonly runId: string;
  readonly iteration: number;
  readonly reason: CheckpointReason;
  /** sha256 of the run's config (see configHash.ts): resume refuses a checkpoint of another config. */
  readonly configHash: string;
  /** Training time so far, so elapsedSeconds in a resumed run's snapshots goes on from there. */
  readonly elapsedSeconds: number;
  readonly settings: TrainerSettings;
  readonly state: SavedState;
}

export interface WrittenCheckpoint {
  readonly path: string;
  /** Relative to the run directory, with forward slashes: what events and messages show. */
  readonly relativePath: string;
}

interface Manifest {
  readonly format: string;
  readonly version: number;
  readonly runId: string;
  readonly iteration: number;
  readonly createdAt: string;
  readonly reason: CheckpointReason;
  readonly configHash: string;
  readonly elapsedSeconds: number;
  readonly settings: TrainerSettings;
  readonly values: Readonly<Record<string, unknown>>;
  readonly arrays: readonly PackedArrayEntry[];
  readonly dataFile: string;
  readonly dataBytes: number;
  readonly dataCrc32: number;
}

/** A checkpoint folder that cannot be used; the message names the folder and the problem. */
export class CheckpointError extends Error {}

export function checkpointsFolder(runDir: string): string {
  return path.join(runDir, CHECKPOINTS_FOLDER);
}

export function writeCheckpoint(runDir: string, checkpoint: Checkpoint, now: Date = new Date()): WrittenCheckpoint {
  const name = String(checkpoint.iteration);
  const { bytes, entries } = packFloat32Arrays(Object.entries(checkpoint.state.arrays).map(([arrayName, { shape, data }]) => ({ name: arrayName, shape, data })));
  const manifest: Manifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    runId: checkpoint.runId,
    iteration: checkpoint.iteration,
    createdAt: now.toISOString(),
    reason: checkpoint.reason,
    configHash: checkpoint.configHash,
    elapsedSeconds: checkpoint.elapsedSeconds,
    settings: checkpoint.settings,
    values: checkpoint.state.values,
    arrays: entries,
    dataFile: DATA_FILE,
    dataBytes: bytes.length,
    dataCrc32: crc32(bytes),
  };
  const files = [
    { name: DATA_FILE, bytes },
    { name: MANIFEST_FILE, bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];
  // A second checkpoint at one iteration (a `checkpoint`, then a stop) replaces the first.
  const final = publishFolder(checkpointsFolder(runDir), name, files, 'replace');
  return { path: path.resolve(final), relativePath: `${CHECKPOINTS_FOLDER}/${name}` };
}

export interface CheckpointEntry {
  readonly iteration: number;
  readonly path: string;
}

/** Published checkpoint folders, oldest first; temporary and unrelated folders are skipped. */
export function listCheckpoints(runDir: string): CheckpointEntry[] {
  const folder = checkpointsFolder(runDir);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .flatMap((name) => {
      const iteration = checkpointIterationOfName(name);
      return iteration === undefined ? [] : [{ iteration, path: path.join(folder, name) }];
    })
    .sort((a, b) => a.iteration - b.iteration);
}

export interface LatestCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly path: string;
  /** Newer checkpoint folders that could not be read, with why: resume reports them. */
  readonly skipped: readonly string[];
}

/** The newest checkpoint that reads back completely, or undefined (with the reasons) when none does. */
export function latestCheckpoint(runDir: string): LatestCheckpoint | { readonly checkpoint: undefined; readonly skipped: readonly string[] } {
  const skipped: string[] = [];
  for (const entry of listCheckpoints(runDir).reverse()) {
    try {
      return { checkpoint: readCheckpoint(entry.path), path: entry.path, skipped };
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      skipped.push(error.message);
    }
  }
  return { checkpoint: undefined, skipped };
}

export function readCheckpoint(folder: string): Checkpoint {
  const fail = (problem: string): never => {
    throw new CheckpointError(`checkpoint ${folder}: ${problem}`);
  };
  let manifestText: string;
  try {
    manifestText = fs.readFileSync(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    return fail(`cannot read ${MANIFEST_FILE}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch {
    return fail(`${MANIFEST_FILE} is not JSON`);
  }
  const manifest = json as Partial<Record<keyof Manifest, unknown>>;
  if (typeof manifest !== 'object' || manifest === null) return fail(`${MANIFEST_FILE} is not an object`);
  if (manifest.format !== CHECKPOINT_FORMAT) return fail(`${MANIFEST_FILE} is not a genmon checkpoint manifest`);
  if (manifest.version !== CHECKPOINT_VERSION) return fail(`checkpoint version ${String(manifest.version)} is not supported (this genmon reads version ${CHECKPOINT_VERSION})`);
  const iteration = manifest.iteration;
  if (!Number.isSafeInteger(iteration) || (iteration as number) < 0) return fail('"iteration" is not a whole number ≥ 0');
  if (typeof manifest.runId !== 'string') return fail('"runId" is not a string');
  if (manifest.reason !== 'command' && manifest.reason !== 'stop' && manifest.reason !== 'completed') return fail('"reason" is not command, stop or completed');
  if (typeof manifest.configHash !== 'string' || !/^[0-9a-f]{64}$/.test(manifest.configHash)) return fail('"configHash" is not a sha256 hex digest');
  if (typeof manifest.elapsedSeconds !== 'number' || !Number.isFinite(manifest.elapsedSeconds) || manifest.elapsedSeconds < 0) return fail('"elapsedSeconds" is not a number ≥ 0');
  const settings = manifest.settings as Partial<TrainerSettings> | undefined;
  if (typeof settings?.learningRate !== 'number' || !Number.isSafeInteger(settings.snapshotEvery)) return fail('"settings" lacks learningRate and snapshotEvery');
  if (typeof manifest.values !== 'object' || manifest.values === null || Array.isArray(manifest.values)) return fail('"values" is not an object');
  if (manifest.dataFile !== DATA_FILE) return fail(`"dataFile" is not ${DATA_FILE}`);
  if (!Array.isArray(manifest.arrays)) return fail('"arrays" is not a list');

  let data: Buffer;
  try {
    data = fs.readFileSync(path.join(folder, DATA_FILE));
  } catch (error) {
    return fail(`cannot read ${DATA_FILE}: ${(error as Error).message}`);
  }
  if (data.length !== manifest.dataBytes) return fail(`${DATA_FILE} has ${data.length} bytes, the manifest says ${String(manifest.dataBytes)}`);
  if (crc32(data) !== manifest.dataCrc32) return fail(`${DATA_FILE} does not match its checksum`);

  const arrays: Record<string, StateArray> = {};
  for (const [index, raw] of (manifest.arrays as unknown[]).entries()) {
    const entry = raw as Partial<PackedArrayEntry> | null;
    const name = entry?.name;
    const shape = entry?.shape;
    if (typeof name !== 'string' || name.length === 0 || Object.prototype.hasOwnProperty.call(arrays, name)) return fail(`arrays[${index}] has no name or a repeated one`);
    if (!Array.isArray(shape) || !shape.every((size) => Number.isSafeInteger(size) && size >= 0)) return fail(`array "${name}" has a malformed shape`);
    const { offset, byteLength } = entry as PackedArrayEntry;
    const elements = shape.reduce((product: number, size: number) => product * size, 1);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset % 4 !== 0 || byteLength !== elements * 4 || offset + byteLength > data.length) {
      return fail(`array "${name}" does not fit in ${DATA_FILE}`);
    }
    arrays[name] = { shape, data: typedArrayFromLittleEndian('float32', data.subarray(offset, offset + byteLength)) as Float32Array };
  }
  return {
    runId: manifest.runId,
    iteration: iteration as number,
    reason: manifest.reason,
    configHash: manifest.configHash,
    elapsedSeconds: manifest.elapsedSeconds,
    settings: { learningRate: settings.learningRate, snapshotEvery: settings.snapshotEvery as number },
    state: { arrays, values: manifest.values as Record<string, unknown> },
  };
}
