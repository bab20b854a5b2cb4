/**
 * The control channel between a running trainer and its clients (the extension, scripts):
 * JSON text messages over a WebSocket on 127.0.0.1. docs/control-channel.md is the normative
 * description; this file is the typed view plus a validator for each direction, because
 * every message arrives from another process and is checked before it is believed.
 */

export const CONTROL_PROTOCOL_VERSION = 1;
/** In the run directory, owner-only: where the trainer listens and the token a client must present. */
export const CONTROL_FILE_NAME = 'control.json';
/** Larger text messages get a `too-large` error reply; the connection stays open. */
export const MAX_CONTROL_MESSAGE_BYTES = 64 * 1024;

export type RequestId = string | number;

/** running → paused ⇄ running → stopping → ended; `ended` is announced just before the trainer closes the channel. */
export type TrainerRunState = 'running' | 'paused' | 'stopping' | 'ended';

export interface TrainerSettings {
  readonly learningRate: number;
  readonly snapshotEvery: number;
}

/** The first message on a connection: nothing else is accepted before it. */
export interface HelloMessage {
  readonly type: 'hello';
  readonly token: string;
}

export interface PauseCommand {
  readonly type: 'pause';
  readonly id: RequestId;
}
export interface ResumeCommand {
  readonly type: 'resume';
  readonly id: RequestId;
}
export interface StopCommand {
  readonly type: 'stop';
  readonly id: RequestId;
}
export interface CheckpointCommand {
  readonly type: 'checkpoint';
  readonly id: RequestId;
}
/** Reports the state; the only command that is not recorded in the stream. */
export interface StatusCommand {
  readonly type: 'status';
  readonly id: RequestId;
}
/** At least one setting; each applies from the next step. */
export interface SetCommand {
  readonly type: 'set';
  readonly id: RequestId;
  readonly learningRate?: number;
  readonly snapshotEvery?: number;
}

export type AugmentMethod = 'reweight' | 'add-images' | 'synthesize';
export const AUGMENT_METHODS: readonly AugmentMethod[] = ['reweight', 'add-images', 'synthesize'];
export type AttributeValue = string | number | boolean;

/**
 * Changes the training data from the next step (docs/control-channel.md, "Augmenting"); the ack's
 * `note` says what was done, and an `augmented` event records it in the stream.
 */
export interface AugmentCommand {
  readonly type: 'augment';
  readonly id: RequestId;
  /** The attribute values that pick the under-represented group, e.g. { "hair": "blond" }. */
  readonly group: Readonly<Record<string, AttributeValue>>;
  readonly method: AugmentMethod;
  /** reweight: how much more often the group is sampled (required for reweight). */
  readonly factor?: number;
  /** add-images: the folder of images to add (required for add-images). */
  readonly folder?: string;
  /** synthesize: how many samples of the group to add (required for synthesize; the trainer makes at most 2000 per augment). */
  readonly count?: number;
}

export type SampleMethod = 'magnet';
export const SAMPLE_METHODS: readonly SampleMethod[] = ['magnet'];

/** Bounds of a `sample` command: the trainer does the work between two steps, holding up training. */
export const SAMPLE_LIMITS = {
  defaultCount: 200,
  maxCount: 1000,
  defaultPoolSize: 2000,
  maxPoolSize: 20000,
  /** |ρ| at most this: beyond it one pool member takes all the weight. */
  maxRho: 10,
  maxK: 128,
} as const;

/**
 * Draws `count` standard samples (z ~ N(0, I)) and `count` MaGNET samples of the model before the
 * next step, evaluates both, and records them in one `sampled` event (docs/control-channel.md,
 * "Sampling"); training data and weights are unchanged. The ack comes first, the event when done.
 */
export interface SampleCommand {
  readonly type: 'sample';
  readonly id: RequestId;
  readonly method: SampleMethod;
  /** Samples per set (default 200, at most 1000). */
  readonly count?: number;
  /** Latents MaGNET chooses among (default 2000, at least `count`, at most 20000). */
  readonly poolSize?: number;
  /** Singular values in the volume element (default: all there are). */
  readonly k?: number;
  /** Weight exponent (default 1: MaGNET; 0 is standard sampling, < 0 favours modes). */
  readonly rho?: number;
}

export type ControlCommand = PauseCommand | ResumeCommand | StopCommand | CheckpointCommand | StatusCommand | SetCommand | AugmentCommand | SampleCommand;
export type ControlCommandType = ControlCommand['type'];
export const CONTROL_COMMAND_TYPES: readonly ControlCommandType[] = ['pause', 'resume', 'stop', 'checkpoint', 'status', 'set', 'augment', 'sample'];

export type ClientMessage = HelloMessage | ControlCommand;

/** Sent once the token is accepted: who answers and where it stands. */
export interface WelcomeMessage {
  readonly type: 'welcome';
  readonly protocol: number;
  readonly runId: string;
  readonly pid: number;
  readonly state: TrainerRunState;
  readonly iteration: number;
  readonly maxIterations: number;
  readonly settings: TrainerSettings;
}

export interface ControlAck {
  readonly type: 'ack';
  readonly id: RequestId;
  readonly ok: true;
  readonly command: ControlCommandType;
  readonly state: TrainerRunState;
  readonly iteration: number;
  readonly settings: TrainerSettings;
  /** checkpoint: the absolute path of the checkpoint folder written. */
  readonly checkpoint?: string;
  /** Set when the command changed nothing, e.g. pause while already paused; for augment, what it did; for sample, what will be drawn. */
  readonly note?: string;
}

export type ControlErrorCode =
  /** No hello first, or a wrong token; the connection is closed after this reply. */
  | 'unauthorized'
  /** Not JSON text (or a binary frame). */
  | 'malformed'
  | 'too-large'
  /** Unknown type, missing or wrongly typed field, unknown field, value out of range. */
  | 'invalid-request'
  /** The command cannot apply now (the trainer is stopping or has ended). */
  | 'invalid-state'
  | 'not-supported'
  /** Too many connections; the connection is closed after this reply. */
  | 'busy'
  /** The trainer failed carrying out a valid command (e.g. a checkpoint could not be written). */
  | 'internal';

export interface ControlError {
  readonly type: 'error';
  readonly id?: RequestId;
  readonly ok: false;
  readonly code: ControlErrorCode;
  readonly message: string;
}

export type ControlReply = ControlAck | ControlError;

/** Broadcast to every authenticated client when the state or the settings change, whoever caused it. */
export interface StateNotification {
  readonly type: 'state';
  readonly state: TrainerRunState;
  readonly iteration: number;
  readonly settings: TrainerSettings;
  /** What changed it, e.g. "pause", "resume", "set", "stop", "SIGTERM", "completed". */
  readonly cause: string;
}

export type ServerMessage = WelcomeMessage | ControlReply | StateNotification;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ControlError };

const TRAINER_STATES: readonly TrainerRunState[] = ['running', 'paused', 'stopping', 'ended'];
const ERROR_CODES: readonly ControlErrorCode[] = ['unauthorized', 'malformed', 'too-large', 'invalid-request', 'invalid-state', 'not-supported', 'busy', 'internal'];
const MAX_ID_LENGTH = 128;
const MAX_TOKEN_LENGTH = 256;
const MAX_GROUP_ATTRIBUTES = 32;
const MAX_TEXT_LENGTH = 4096;

class Invalid extends Error {
  constructor(
    readonly code: ControlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Fields = Readonly<Record<string, unknown>>;

export function errorReply(code: ControlErrorCode, message: string, id?: RequestId): ControlError {
  return id === undefined ? { type: 'error', ok: false, code, message } : { type: 'error', id, ok: false, code, message };
}

/** A client message from raw text; every failure becomes the error reply to send back. */
export function parseClientMessage(text: string): Parsed<ClientMessage> {
  if (text.length > MAX_CONTROL_MESSAGE_BYTES || new TextEncoder().encode(text).length > MAX_CONTROL_MESSAGE_BYTES) {
    return { ok: false, error: errorReply('too-large', `messages are limited to ${MAX_CONTROL_MESSAGE_BYTES} bytes`) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: errorReply('malformed', `not JSON: ${error instanceof Error ? error.message : String(error)}`) };
  }
  let id: RequestId | undefined;
  try {
    const fields = requireObject(json, 'a message');
    id = optionalId(fields);
    return { ok: true, value: clientMessageFrom(fields, id) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: errorReply(error.code, error.message, id) };
    throw error;
  }
}

function clientMessageFrom(fields: Fields, id: RequestId | undefined): ClientMessage {
  const type = fields['type'];
  if (typeof type !== 'string') throw new Invalid('invalid-request', 'a message needs a string "type"');
  if (type === 'hello') {
    allowOnly(fields, ['type', 'token', 'id']);
    return { type, token: requireString(fields, 'token', MAX_TOKEN_LENGTH) };
  }
  if (!(CONTROL_COMMAND_TYPES as readonly string[]).includes(type)) {
    throw new Invalid('invalid-request', `unknown message type "${type.slice(0, 64)}"; expected hello or one of ${CONTROL_COMMAND_TYPES.join(', ')}`);
  }
  if (id === undefined) throw new Invalid('invalid-request', `a "${type}" command needs an "id" (a string or an integer) for its reply to echo`);
  switch (type as ControlCommandType) {
    case 'pause':
    case 'resume':
    case 'stop':
    case 'checkpoint':
    case 'status':
      allowOnly(fields, ['type', 'id']);
      return { type: type as 'pause' | 'resume' | 'stop' | 'checkpoint' | 'status', id };
    case 'set':
      return setCommandFrom(fields, id);
    case 'augment':
      return augmentCommandFrom(fields, id);
    case 'sample':
      return sampleCommandFrom(fields, id);
  }
}

function sampleCommandFrom(fields: Fields, id: RequestId): SampleCommand {
  allowOnly(fields, ['type', 'id', 'method', 'count', 'poolSize', 'k', 'rho']);
  const method = fields['method'];
  if (typeof method !== 'string' || !(SAMPLE_METHODS as readonly string[]).includes(method)) throw new Invalid('invalid-request', `"method" must be one of ${SAMPLE_METHODS.join(', ')}`);
  const count = optionalNumber(fields, 'count', true);
  if (count !== undefined && !(count >= 1 && count <= SAMPLE_LIMITS.maxCount)) throw new Invalid('invalid-request', `"count" must be 1 to ${SAMPLE_LIMITS.maxCount}`);
  const poolSize = optionalNumber(fields, 'poolSize', true);
  if (poolSize !== undefined && !(poolSize >= 1 && poolSize <= SAMPLE_LIMITS.maxPoolSize)) throw new Invalid('invalid-request', `"poolSize" must be 1 to ${SAMPLE_LIMITS.maxPoolSize}`);
  const samples = count ?? SAMPLE_LIMITS.defaultCount;
  const pool = poolSize ?? SAMPLE_LIMITS.defaultPoolSize;
  if (samples > pool) throw new Invalid('invalid-request', `"count" (${samples}) cannot exceed "poolSize" (${pool}): the samples are drawn from the pool without replacement`);
  const k = optionalNumber(fields, 'k', true);
  if (k !== undefined && !(k >= 1 && k <= SAMPLE_LIMITS.maxK)) throw new Invalid('invalid-request', `"k" must be 1 to ${SAMPLE_LIMITS.maxK}`);
  const rho = optionalNumber(fields, 'rho', false);
  if (rho !== undefined && !(Math.abs(rho) <= SAMPLE_LIMITS.maxRho)) throw new Invalid('invalid-request', `"rho" must be between -${SAMPLE_LIMITS.maxRho} and ${SAMPLE_LIMITS.maxRho}`);
  return {
    type: 'sample',
    id,
    method: method as SampleMethod,
    ...(count !== undefined ? { count } : {}),
    ...(poolSize !== undefined ? { poolSize } : {}),
    ...(k !== undefined ? { k } : {}),
    ...(rho !== undefined ? { rho } : {}),
  };
}

function setCommandFrom(fields: Fields, id: RequestId): SetCommand {
  allowOnly(fields, ['type', 'id', 'learningRate', 'snapshotEvery']);
  const learningRate = optionalNumber(fields, 'learningRate', false);
  const snapshotEvery = optionalNumber(fields, 'snapshotEvery', true);
  if (learningRate === undefined && snapshotEvery === undefined) throw new Invalid('invalid-request', 'set needs "learningRate", "snapshotEvery" or both');
  return { type: 'set', id, ...(learningRate !== undefined ? { learningRate } : {}), ...(snapshotEvery !== undefined ? { snapshotEvery } : {}) };
}

function augmentCommandFrom(fields: Fields, id: RequestId): AugmentCommand {
  allowOnly(fields, ['type', 'id', 'group', 'method', 'factor', 'folder', 'count']);
  const group = requireObject(fields['group'], '"group"');
  const entries = Object.entries(group);
  if (entries.length === 0 || entries.length > MAX_GROUP_ATTRIBUTES) {
    throw new Invalid('invalid-request', `"group" needs 1 to ${MAX_GROUP_ATTRIBUTES} attributes, e.g. { "label": "7" }`);
  }
  for (const [attribute, value] of entries) {
    if (attribute.length === 0 || attribute.length > 64) throw new Invalid('invalid-request', 'a "group" attribute name must have 1 to 64 characters');
    const valueOk = typeof value === 'string' ? value.length <= MAX_TEXT_LENGTH : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!valueOk) throw new Invalid('invalid-request', `"group.${attribute}" must be a string, a finite number or a boolean`);
  }
  const method = fields['method'];
  if (typeof method !== 'string' || !(AUGMENT_METHODS as readonly string[]).includes(method)) {
    throw new Invalid('invalid-request', `"method" must be one of ${AUGMENT_METHODS.join(', ')}`);
  }
  const factor = optionalNumber(fields, 'factor', false);
  if (factor !== undefined && !(factor > 0 && factor <= 1000)) throw new Invalid('invalid-request', '"factor" must be > 0 and ≤ 1000');
  const folder = fields['folder'] === undefined ? undefined : requireString(fields, 'folder', MAX_TEXT_LENGTH);
  const count = optionalNumber(fields, 'count', true);
  if (count !== undefined && !(count >= 1 && count <= 1_000_000)) throw new Invalid('invalid-request', '"count" must be 1 to 1000000');
  const required: Record<AugmentMethod, [string, unknown]> = { reweight: ['factor', factor], 'add-images': ['folder', folder], synthesize: ['count', count] };
  const [needed, given] = required[method as AugmentMethod];
  if (given === undefined) throw new Invalid('invalid-request', `augment with method "${method}" needs "${needed}"`);
  return {
    type: 'augment',
    id,
    group: Object.fromEntries(entries) as Record<string, AttributeValue>,
    method: method as AugmentMethod,
    ...(factor !== undefined ? { factor } : {}),
    ...(folder !== undefined ? { folder } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}

/** A trainer message from raw text, for clients: checks what a client relies on. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const fields = json as Fields;
  const stateOk = (TRAINER_STATES as readonly unknown[]).includes(fields['state']);
  const iterationOk = Number.isSafeInteger(fields['iteration']);
  switch (fields['type']) {
    case 'welcome':
      return stateOk && iterationOk && settingsOk(fields['settings']) && typeof fields['runId'] === 'string' ? (json as WelcomeMessage) : undefined;
    case 'state':
      return stateOk && iterationOk && settingsOk(fields['settings']) && typeof fields['cause'] === 'string' ? (json as StateNotification) : undefined;
    case 'ack':
      return stateOk && iterationOk && isRequestId(fields['id']) && fields['ok'] === true ? (json as ControlAck) : undefined;
    case 'error':
      return (ERROR_CODES as readonly unknown[]).includes(fields['code']) && typeof fields['message'] === 'string' && (fields['id'] === undefined || isRequestId(fields['id']))
        ? (json as ControlError)
        : undefined;
    default:
      return undefined;
  }
}

function settingsOk(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { learningRate, snapshotEvery } = value as Fields;
  return typeof learningRate === 'number' && Number.isSafeInteger(snapshotEvery);
}

export function isRequestId(value: unknown): value is RequestId {
  return (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH) || Number.isSafeInteger(value);
}

function optionalId(fields: Fields): RequestId | undefined {
  const id = fields['id'];
  if (id === undefined) return undefined;
  if (!isRequestId(id)) throw new Invalid('invalid-request', `"id" must be a non-empty string of at most ${MAX_ID_LENGTH} characters or an integer`);
  return id;
}

function requireObject(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Invalid('invalid-request', `${what} must be a JSON object`);
  return value as Fields;
}

function allowOnly(fields: Fields, allowed: readonly string[]): void {
  const unknown = Object.keys(fields).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new Invalid('invalid-request', `unknown field "${unknown.slice(0, 64)}" in a "${String(fields['type'])}" message; allowed: ${allowed.join(', ')}`);
}

function requireString(fields: Fields, field: string, maxLength: number): string {
  const value = fields[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) throw new Invalid('invalid-request', `"${field}" must be a non-empty string of at most ${maxLength} characters`);
  return value;
}

function optionalNumber(fields: Fields, field: string, integer: boolean): number | undefined {
  const value = fields[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) {
    throw new Invalid('invalid-request', `"${field}" must be ${integer ? 'an integer' : 'a finite number'}`);
  }
  return value;
}
