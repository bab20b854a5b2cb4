/**
 * Checks a header's `evaluator` field (the trainer's evaluatorSummary) so that readers — the
 * projection panel's attribute colours, later the alerts' trust rule — can rely on its shape.
 * Fields a newer writer adds are dropped; a field of the wrong type names itself.
 */
import type { EvaluatorAttributeInfo, EvaluatorInfo } from '../../protocol/stream';

/** A malformed `evaluator` field; the message says which part is wrong. */
export class EvaluatorInfoError extends Error {}

type Json = Readonly<Record<string, unknown>>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EvaluatorInfoError(`${what} is not a JSON object`);
  return value as Json;
}

function string(json: Json, field: string, what: string): string {
  const value = json[field];
  if (typeof value !== 'string') throw new EvaluatorInfoError(`${what} "${field}" is missing or not a string`);
  return value;
}

function finite(json: Json, field: string, what: string): number {
  const value = json[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new EvaluatorInfoError(`${what} "${field}" is missing or not a finite number`);
  return value;
}

function count(json: Json, field: string, what: string): number {
  const value = finite(json, field, what);
  if (!Number.isSafeInteger(value) || value < 0) throw new EvaluatorInfoError(`${what} "${field}" is not an integer >= 0`);
  return value;
}

function boolean(json: Json, field: string, what: string): boolean {
  const value = json[field];
  if (typeof value !== 'boolean') throw new EvaluatorInfoError(`${what} "${field}" is missing or not true/false`);
  return value;
}

/** JSON has no NaN: an accuracy that could not be measured is null. */
function accuracyOrNull(json: Json, field: string, what: string): number | null {
  if (json[field] === null) return null;
  const value = finite(json, field, what);
  if (value < 0 || value > 1) throw new EvaluatorInfoError(`${what} "${field}" is ${value}, outside [0, 1]`);
  return value;
}

function attributeFrom(value: unknown, index: number): EvaluatorAttributeInfo {
  const what = `evaluator attribute ${index}`;
  const json = object(value, what);
  const values = json['values'];
  if (!Array.isArray(values) || values.length === 0 || !values.every((entry) => typeof entry === 'string')) {
    throw new EvaluatorInfoError(`${what} "values" is not a non-empty list of strings`);
  }
  return {
    name: string(json, 'name', what),
    values: values as string[],
    accuracy: accuracyOrNull(json, 'accuracy', what),
    chanceAccuracy: accuracyOrNull(json, 'chanceAccuracy', what),
    trusted: boolean(json, 'trusted', what),
  };
}

/** The typed evaluator field; throws EvaluatorInfoError naming the first problem. */
export function evaluatorInfoFromJson(value: unknown): EvaluatorInfo {
  const what = 'evaluator';
  const json = object(value, 'header "evaluator"');
  const attributes = json['attributes'];
  if (!Array.isArray(attributes)) throw new EvaluatorInfoError('evaluator "attributes" is not a list');
  const featureDim = count(json, 'featureDim', what);
  if (featureDim < 1) throw new EvaluatorInfoError('evaluator "featureDim" must be at least 1');
  return {
    kind: string(json, 'kind', what),
    featureDim,
    attributes: attributes.map(attributeFrom),
    trustThreshold: finite(json, 'trustThreshold', what),
    heldOutCount: count(json, 'heldOutCount', what),
    trainedIterations: count(json, 'trainedIterations', what),
    trainingSeconds: finite(json, 'trainingSeconds', what),
    fromCache: boolean(json, 'fromCache', what),
  };
}
