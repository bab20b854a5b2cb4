/**
 * Turns a frame's parsed meta JSON (plus its binary section) into a typed record, validating every field
 * the reader relies on. Unknown record types, enum values and dtypes are ignored rather than rejected,
 * so that a newer writer's additions do not break an older reader (see docs/stream-format.md, "Compatibility").
 */
import {
  STREAM_FORMAT_VERSION,
  type ArrayMap,
  type EndReason,
  type EndRecord,
  type EventRecord,
  type HeaderRecord,
  type NumericArray,
  type RunEventKind,
  type SnapshotRecord,
  type StreamRecord,
  type TrainerInfo,
} from '../../protocol/stream';
import { BranchOriginError, branchOriginFromJson } from './header-branch';
import { EvaluatorInfoError, evaluatorInfoFromJson } from './header-evaluator';
import { dtypeInfo, elementCount, isKnownDType, typedArrayFromLittleEndian } from './dtypes';
import { metricFromJson } from './metric-json';

export type MetaOutcome =
  | { readonly kind: 'record'; readonly record: StreamRecord }
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly message: string };

/** The field a writer puts in meta for each array of a snapshot, in the order the arrays appear. */
export interface ArrayDescriptor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Byte offset of the array's first element, relative to the start of the binary section. */
  readonly offset: number;
  readonly byteLength: number;
}

const EVENT_KINDS: readonly RunEventKind[] = ['started', 'paused', 'unpaused', 'resumed', 'stopping', 'checkpoint', 'set', 'augmented', 'sampled', 'command', 'warning', 'error'];
const END_REASONS: readonly EndReason[] = ['completed', 'stopped', 'error'];

class InvalidRecord extends Error {}
class IgnoredRecord extends Error {}

type Meta = Readonly<Record<string, unknown>>;

export function recordFromMeta(meta: unknown, binary: Uint8Array): MetaOutcome {
  try {
    const object = requireObject(meta, 'meta');
    const type = object['type'];
    if (typeof type !== 'string') throw new InvalidRecord('meta has no string "type"');
    switch (type) {
      case 'header':
        return { kind: 'record', record: headerFrom(object) };
      case 'snapshot':
        return { kind: 'record', record: snapshotFrom(object, binary) };
      case 'event':
        return { kind: 'record', record: eventFrom(object, binary) };
      case 'end':
        return { kind: 'record', record: endFrom(object) };
      default:
        return { kind: 'ignored', reason: `unknown record type "${type}"` };
    }
  } catch (error) {
    if (error instanceof IgnoredRecord) return { kind: 'ignored', reason: error.message };
    if (error instanceof InvalidRecord) return { kind: 'invalid', message: error.message };
    throw error;
  }
}

function headerFrom(meta: Meta): HeaderRecord {
  const formatVersion = requireInteger(meta, 'formatVersion', 1);
  if (formatVersion > STREAM_FORMAT_VERSION) {
    throw new InvalidRecord(
      `header has formatVersion ${formatVersion}, but this genmon reads only up to version ${STREAM_FORMAT_VERSION}; update genmon to read this run`,
    );
  }
  if (!('config' in meta)) throw new InvalidRecord('header has no "config"');
  const trainer = requireObject(meta['trainer'], 'header "trainer"');
  const trainerInfo: TrainerInfo = {
    name: requireString(trainer, 'name'),
    version: requireString(trainer, 'version'),
    backend: requireString(trainer, 'backend'),
    ...optionalString(trainer, 'backendReason'),
  };
  return {
    type: 'header',
    formatVersion,
    runId: requireNonEmptyString(meta, 'runId'),
    createdAt: requireString(meta, 'createdAt'),
    config: meta['config'],
    ...optionalString(meta, 'configSource'),
    ...optionalString(meta, 'configPath'),
    trainer: trainerInfo,
    ...evaluatorFrom(meta['evaluator']),
    ...branchOriginFrom(meta['branchOf']),
  };
}

/** Spreads as `{ branchOf }` in a branch run's header; a malformed one makes the header invalid, naming the problem. */
function branchOriginFrom(value: unknown): Partial<Pick<HeaderRecord, 'branchOf'>> {
  if (value === undefined || value === null) return {};
  try {
    return { branchOf: branchOriginFromJson(value) };
  } catch (error) {
    if (error instanceof BranchOriginError) throw new InvalidRecord(`header ${error.message}`);
    throw error;
  }
}

/** Spreads as `{ evaluator }` when the header has one; a malformed one makes the header invalid, naming the problem. */
function evaluatorFrom(value: unknown): Partial<Pick<HeaderRecord, 'evaluator'>> {
  if (value === undefined || value === null) return {};
  try {
    return { evaluator: evaluatorInfoFromJson(value) };
  } catch (error) {
    if (error instanceof EvaluatorInfoError) throw new InvalidRecord(`header ${error.message}`);
    throw error;
  }
}

function snapshotFrom(meta: Meta, binary: Uint8Array): SnapshotRecord {
  return {
    type: 'snapshot',
    iteration: requireInteger(meta, 'iteration', 0),
    time: requireFiniteNumber(meta, 'time'),
    metrics: metricsFrom(meta['metrics']),
    arrays: arraysFrom(meta['arrays'], binary),
  };
}

function eventFrom(meta: Meta, binary: Uint8Array): EventRecord {
  return {
    type: 'event',
    kind: requireKnownValue(meta, 'kind', EVENT_KINDS, 'event'),
    iteration: requireInteger(meta, 'iteration', 0),
    time: requireFiniteNumber(meta, 'time'),
    ...optionalString(meta, 'message'),
    ...(meta['details'] === undefined || meta['details'] === null ? {} : { details: requireObject(meta['details'], 'event "details"') }),
    // Events with arrays (`sampled`) are read like snapshots; an event without keeps no empty map.
    ...(meta['arrays'] === undefined || meta['arrays'] === null ? {} : { arrays: arraysFrom(meta['arrays'], binary) }),
  };
}

function endFrom(meta: Meta): EndRecord {
  return {
    type: 'end',
    reason: requireKnownValue(meta, 'reason', END_REASONS, 'end'),
    iteration: requireInteger(meta, 'iteration', 0),
    time: requireFiniteNumber(meta, 'time'),
    ...optionalString(meta, 'message'),
  };
}

function metricsFrom(value: unknown): Readonly<Record<string, number>> {
  if (value === undefined) return {};
  const object = requireObject(value, '"metrics"');
  const metrics: Record<string, number> = {};
  for (const [name, raw] of Object.entries(object)) {
    const metric = metricFromJson(raw);
    if (metric === undefined) throw new InvalidRecord(`metric "${name}" is ${JSON.stringify(raw)}, not a number`);
    metrics[name] = metric;
  }
  return metrics;
}

function arraysFrom(value: unknown, binary: Uint8Array): ArrayMap {
  if (value === undefined) return {};
  if (!Array.isArray(value)) throw new InvalidRecord('"arrays" is not a list');
  const arrays: Record<string, NumericArray> = {};
  for (const [index, entry] of value.entries()) {
    const descriptor = requireObject(entry, `arrays[${index}]`);
    const name = requireNonEmptyString(descriptor, 'name');
    if (Object.prototype.hasOwnProperty.call(arrays, name)) throw new InvalidRecord(`array "${name}" appears twice`);
    const dtype = descriptor['dtype'];
    // An array of a dtype added by a newer writer is skipped; the rest of the record is still usable.
    if (!isKnownDType(dtype)) continue;
    const shape = requireShape(descriptor['shape'], name);
    const offset = requireInteger(descriptor, 'offset', 0);
    const byteLength = requireInteger(descriptor, 'byteLength', 0);
    const expectedBytes = elementCount(shape) * dtypeInfo(dtype).bytesPerElement;
    if (byteLength !== expectedBytes) {
      throw new InvalidRecord(`array "${name}" has byteLength ${byteLength}, but ${dtype} [${shape.join(', ')}] needs ${expectedBytes}`);
    }
    if (offset + byteLength > binary.byteLength) {
      throw new InvalidRecord(`array "${name}" ends at byte ${offset + byteLength} of a ${binary.byteLength}-byte binary section`);
    }
    arrays[name] = { dtype, shape, data: typedArrayFromLittleEndian(dtype, binary.subarray(offset, offset + byteLength)) };
  }
  return arrays;
}

function requireShape(value: unknown, arrayName: string): readonly number[] {
  if (!Array.isArray(value) || !value.every((size) => Number.isSafeInteger(size) && (size as number) >= 0)) {
    throw new InvalidRecord(`array "${arrayName}" has a shape that is not a list of non-negative integers`);
  }
  return value as number[];
}

function requireObject(value: unknown, what: string): Meta {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidRecord(`${what} is not a JSON object`);
  return value as Meta;
}

function requireString(meta: Meta, field: string): string {
  const value = meta[field];
  if (typeof value !== 'string') throw new InvalidRecord(`"${field}" is missing or not a string`);
  return value;
}

function requireNonEmptyString(meta: Meta, field: string): string {
  const value = requireString(meta, field);
  if (value.length === 0) throw new InvalidRecord(`"${field}" is empty`);
  return value;
}

/** Spreads as `{ [field]: value }` when present, `{}` when absent, so absent optional fields stay absent. */
function optionalString<K extends string>(meta: Meta, field: K): Partial<Record<K, string>> {
  const value = meta[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') throw new InvalidRecord(`"${field}" is not a string`);
  return { [field]: value } as Partial<Record<K, string>>;
}

function requireFiniteNumber(meta: Meta, field: string): number {
  const value = meta[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidRecord(`"${field}" is missing or not a finite number`);
  return value;
}

function requireInteger(meta: Meta, field: string, minimum: number): number {
  const value = meta[field];
  if (!Number.isSafeInteger(value) || (value as number) < minimum) {
    throw new InvalidRecord(`"${field}" is missing or not an integer >= ${minimum}`);
  }
  return value as number;
}

function requireKnownValue<T extends string>(meta: Meta, field: string, known: readonly T[], recordType: string): T {
  const value = requireString(meta, field);
  if (!(known as readonly string[]).includes(value)) throw new IgnoredRecord(`unknown ${recordType} ${field} "${value}"`);
  return value as T;
}
