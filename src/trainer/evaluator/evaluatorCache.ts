/**
 * Trained evaluators on disk, so a second run on the same data starts at once:
 * `<cache folder>/<key hash>/` holds `evaluator.json` (what the network was trained on, its
 * accuracy, and where each weight array lies) and `weights.bin` (little-endian float32). The
 * key hash covers the dataset spec, the seed and every training setting. An entry is written
 * in a temporary folder and renamed into place, so a folder with a key's name is complete.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32 } from '../../core/stream/crc32';
import { typedArrayFromLittleEndian } from '../../core/stream/dtypes';
import { publishFolder } from '../atomicFolder';
import { configHash } from '../checkpoint/configHash';
import type { AttributeSpec, Dataset } from '../datasets/dataset';
import type { DatasetSpec } from '../datasets/spec';
import { packFloat32Arrays, type PackedArrayEntry } from '../packedArrays';
import type { Tf } from '../tf';
import type { EvaluatorTraining } from './options';
import { NetworkEvaluator } from './networkEvaluator';
import { buildClassifier } from './trainNetwork';

export const EVALUATOR_CACHE_FORMAT = 'genmon-evaluator';
export const EVALUATOR_CACHE_VERSION = 1;
const MANIFEST_FILE = 'evaluator.json';
const WEIGHTS_FILE = 'weights.bin';

/** A cache entry that cannot be used; the message names the folder and the problem. */
export class EvaluatorCacheError extends Error {}

export interface EvaluatorCacheKey {
  /** sha256 of `key`'s canonical JSON: the entry's folder name. */
  readonly hash: string;
  readonly key: Readonly<Record<string, unknown>>;
}

/** An image folder is keyed by its absolute location, not by how a config happened to spell it. */
function locatedSpec(spec: DatasetSpec, baseDirectory: string): DatasetSpec {
  if (spec.type !== 'image-folder') return spec;
  const attributes = spec.attributes === undefined ? undefined : 'csv' in spec.attributes ? { csv: path.resolve(baseDirectory, spec.attributes.csv) } : { listAttr: path.resolve(baseDirectory, spec.attributes.listAttr) };
  return { ...spec, path: path.resolve(baseDirectory, spec.path), ...(attributes ? { attributes } : {}) };
}

export function evaluatorCacheKey(spec: DatasetSpec, seed: number, training: EvaluatorTraining, baseDirectory: string = process.cwd()): EvaluatorCacheKey {
  const key = { format: EVALUATOR_CACHE_FORMAT, version: EVALUATOR_CACHE_VERSION, dataset: locatedSpec(spec, baseDirectory), seed, training: { ...training } };
  return { hash: configHash(key), key };
}

interface Manifest {
  readonly format: string;
  readonly version: number;
  readonly keyHash: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly sampleShape: readonly number[];
  readonly featureDim: number;
  readonly attributes: readonly AttributeSpec[];
  /** null where the accuracy is NaN (JSON has no NaN). */
  readonly accuracy: Readonly<Record<string, number | null>>;
  readonly chanceAccuracy: Readonly<Record<string, number | null>>;
  readonly heldOutCount: number;
  readonly trainedIterations: number;
  readonly trainingSeconds: number;
  readonly arrays: readonly PackedArrayEntry[];
  readonly dataBytes: number;
  readonly dataCrc32: number;
}

function toJsonNumbers(record: Readonly<Record<string, number>>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, Number.isFinite(value) ? value : null]));
}

/** Writes the entry for `cacheKey`; another process publishing the same entry first wins, which is harmless. */
export function saveEvaluator(cacheFolder: string, cacheKey: EvaluatorCacheKey, evaluator: NetworkEvaluator, now: Date = new Date()): string {
  const { bytes: weights, entries: arrays } = packFloat32Arrays(evaluator.weights());
  const manifest: Manifest = {
    format: EVALUATOR_CACHE_FORMAT,
    version: EVALUATOR_CACHE_VERSION,
    keyHash: cacheKey.hash,
    key: cacheKey.key,
    createdAt: now.toISOString(),
    sampleShape: evaluator.sampleShape,
    featureDim: evaluator.featureDim,
    attributes: evaluator.attributes,
    accuracy: toJsonNumbers(evaluator.accuracy),
    chanceAccuracy: toJsonNumbers(evaluator.chanceAccuracy),
    heldOutCount: evaluator.heldOutCount,
    trainedIterations: evaluator.trainedIterations,
    trainingSeconds: evaluator.trainingSeconds,
    arrays,
    dataBytes: weights.byteLength,
    dataCrc32: crc32(weights),
  };
  const files = [
    { name: WEIGHTS_FILE, bytes: weights },
    // Last: an entry holding its manifest is complete.
    { name: MANIFEST_FILE, bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];
  return publishFolder(cacheFolder, cacheKey.hash, files, 'keep');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isShape(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isCount);
}

function readAccuracy(value: unknown, attributes: readonly AttributeSpec[], what: string, fail: (problem: string) => never): Record<string, number> {
  if (typeof value !== 'object' || value === null) return fail(`${what} is not an object`);
  return Object.fromEntries(
    attributes.map(({ name }) => {
      const item = (value as Record<string, unknown>)[name];
      if (item === null) return [name, Number.NaN];
      if (typeof item !== 'number' || !(item >= 0 && item <= 1)) return fail(`${what}.${name} is not a number in [0, 1]`);
      return [name, item];
    }),
  );
}

/** Loads the entry in `entryFolder` for `dataset`; throws EvaluatorCacheError for anything that does not fit. */
export function loadEvaluator(tf: Tf, entryFolder: string, cacheKey: EvaluatorCacheKey, dataset: Dataset, training: EvaluatorTraining, seed: number): NetworkEvaluator {
  const fail = (problem: string): never => {
    throw new EvaluatorCacheError(`evaluator cache ${entryFolder}: ${problem}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.join(entryFolder, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    return fail(`cannot read ${MANIFEST_FILE}: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null) return fail(`${MANIFEST_FILE} is not an object`);
  const manifest = json as Partial<Record<keyof Manifest, unknown>>;
  if (manifest.format !== EVALUATOR_CACHE_FORMAT || manifest.version !== EVALUATOR_CACHE_VERSION) {
    return fail(`not a ${EVALUATOR_CACHE_FORMAT} version ${EVALUATOR_CACHE_VERSION} entry`);
  }
  if (manifest.keyHash !== cacheKey.hash) return fail('written for another dataset, seed or setting');
  if (JSON.stringify(manifest.attributes) !== JSON.stringify(dataset.attributes)) return fail("its attributes are not the dataset's");
  if (JSON.stringify(manifest.sampleShape) !== JSON.stringify(dataset.shape) || manifest.featureDim !== training.featureDim) return fail("its shapes are not the dataset's");
  if (!isCount(manifest.heldOutCount) || !isCount(manifest.trainedIterations) || !isCount(manifest.dataBytes) || !isCount(manifest.dataCrc32)) {
    return fail('a count is missing or malformed');
  }
  if (typeof manifest.trainingSeconds !== 'number' || !(manifest.trainingSeconds >= 0)) return fail('trainingSeconds is malformed');
  if (!Array.isArray(manifest.arrays)) return fail('arrays is not a list');
  const accuracy = readAccuracy(manifest.accuracy, dataset.attributes, 'accuracy', fail);
  const chanceAccuracy = readAccuracy(manifest.chanceAccuracy, dataset.attributes, 'chanceAccuracy', fail);

  let weights: Buffer;
  try {
    weights = fs.readFileSync(path.join(entryFolder, WEIGHTS_FILE));
  } catch (error) {
    return fail(`cannot read ${WEIGHTS_FILE}: ${(error as Error).message}`);
  }
  if (weights.byteLength !== manifest.dataBytes || crc32(weights) !== manifest.dataCrc32) return fail(`${WEIGHTS_FILE} is truncated or corrupt (size or CRC-32 mismatch)`);

  const entries = new Map<string, PackedArrayEntry>();
  for (const entry of manifest.arrays as unknown[]) {
    const { name, shape, offset, byteLength } = (entry ?? {}) as Partial<Record<keyof PackedArrayEntry, unknown>>;
    if (typeof name !== 'string' || !isShape(shape) || !isCount(offset) || !isCount(byteLength) || offset + byteLength > weights.byteLength) {
      return fail(`array entry ${JSON.stringify(entry)} is malformed`);
    }
    entries.set(name, { name, shape, offset, byteLength });
  }
  const network = buildClassifier(tf, dataset, training, seed);
  try {
    for (const { name, variable } of network.variables) {
      const entry = entries.get(name);
      if (!entry) return fail(`weights of ${name} are missing`);
      if (JSON.stringify(entry.shape) !== JSON.stringify(variable.shape) || entry.byteLength !== variable.size * 4) {
        return fail(`${name} has shape [${entry.shape.join(', ')}], the network needs [${variable.shape.join(', ')}]`);
      }
      const values = typedArrayFromLittleEndian('float32', weights.subarray(entry.offset, entry.offset + entry.byteLength));
      if (!values.every(Number.isFinite)) return fail(`${name} holds non-finite values`);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    }
  } catch (error) {
    network.dispose();
    throw error;
  }
  return new NetworkEvaluator(
    tf,
    network,
    dataset.attributes,
    { accuracy, chanceAccuracy, heldOutCount: manifest.heldOutCount, trainedIterations: manifest.trainedIterations, trainingSeconds: manifest.trainingSeconds },
    true,
  );
}
