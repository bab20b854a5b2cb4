import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { DOCUMENT_START } from './positions';
import type { SourceRange } from './positions';
import type { ConfigPath, ConfigProblem, ConfigProblemCode } from './problem';
import { valueAt } from './valueAt';
import { formatKeyPath } from './problem';
import { experimentConfigSchema } from './schema';
import type { ConfigSchemaNode } from './schemaNode';
import { branchTag, EDITOR_ONLY_KEYWORDS, isDiscriminated, knownKeys, ownProperty, schemaAtPath, selectBranch } from './schemaNode';
import { closestMatch } from './suggest';
import { keyRangeAtPath, valueRangeAtPath } from './yamlSource';
import type { YamlSource } from './yamlSource';

let compiledValidator: ValidateFunction | undefined;

/** Compiled on first use and kept: validation runs on every keystroke, compilation is the slow part. */
function validator(): ValidateFunction {
  if (compiledValidator === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addVocabulary([...EDITOR_ONLY_KEYWORDS]);
    compiledValidator = ajv.compile(experimentConfigSchema);
  }
  return compiledValidator;
}

/** The schema's problems with `data` (the document as plain JS), pinned to the YAML source. */
export function schemaProblems(source: YamlSource, data: unknown): ConfigProblem[] {
  const validate = validator();
  if (validate(data)) return [];
  // Only the alternative a value chose speaks about it: ajv reports every branch's failures.
  const errors = (validate.errors ?? []).filter((error) => isAboutChosenBranch(data, error));
  // A wrong type makes the other checks of that value (enum, range) noise.
  const wronglyTyped = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  return errors
    .filter((error) => error.keyword === 'type' || !wronglyTyped.has(error.instancePath))
    .map((error) => toProblem(source, data, error));
}

/**
 * Whether an error belongs to the branch of each `oneOf` on its way that the data selects (see
 * selectBranch). A `oneOf` error itself is kept only when no branch applies and the section has
 * no `type` key to report instead: then it says which forms are allowed.
 */
function isAboutChosenBranch(data: unknown, error: ErrorObject): boolean {
  const instance = decodeInstancePath(data, error.instancePath);
  const steps = error.schemaPath.replace(/^#\//, '').split('/');
  let node: ConfigSchemaNode | undefined = experimentConfigSchema;
  let depth = 0;
  for (let i = 0; i < steps.length && node !== undefined; i++) {
    const step = steps[i];
    const value = valueAt(data, instance.slice(0, depth));
    if (step === 'properties') {
      node = ownProperty(node.properties, decodePointerSegment(steps[++i] ?? ''));
      depth++;
    } else if (step === 'items') {
      node = node.items;
      depth++;
    } else if (step === 'oneOf') {
      const chosen = selectBranch(node, value);
      const index = steps[i + 1];
      if (index === undefined) return chosen === undefined && !isDiscriminated(node);
      if (chosen === undefined || chosen !== node.oneOf?.[Number(index)]) return false;
      node = chosen;
      i++;
    } else {
      return true;
    }
  }
  return true;
}

function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function toProblem(source: YamlSource, data: unknown, error: ErrorObject): ConfigProblem {
  const path = decodeInstancePath(data, error.instancePath);
  const value = valueAt(data, path);
  const name = formatKeyPath(path);
  const params = error.params as Record<string, unknown>;
  const valueRange = (): SourceRange => valueRangeAtPath(source, path) ?? DOCUMENT_START;
  const problem = (code: ConfigProblemCode, message: string, range: SourceRange, at: ConfigPath = path): ConfigProblem => ({
    message,
    severity: 'error',
    range,
    path: at,
    code,
  });

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const section = schemaAtPath(experimentConfigSchema, path, data);
      const known = knownKeys(section, value);
      const keyPath = [...path, key];
      const range = keyRangeAtPath(source, keyPath) ?? valueRange();
      const kinds = kindsWithKey(section, key);
      if (kinds.length > 0 && isRecord(value)) {
        const message = `'${key}' is not a key of ${name} type '${String(value['type'])}': it applies to type ${kinds.join(', ')} (keys of this type: ${known.join(', ')})`;
        return problem('unknown-key', message, range, keyPath);
      }
      const suggestion = closestMatch(key, known);
      const where = path.length > 0 ? ` in ${name}` : '';
      const hint = suggestion !== undefined ? ` (did you mean '${suggestion}'?)` : ` (expected one of: ${known.join(', ')})`;
      return problem('unknown-key', `unknown key '${key}'${where}${hint}`, range, keyPath);
    }
    case 'oneOf': {
      const forms = (schemaAtPath(experimentConfigSchema, path, data)?.oneOf ?? []).map((branch) => branch.title ?? branch.type ?? 'a value');
      return problem('type', `${name} must be ${forms.join(' or ')} (got ${describeValue(value)})`, valueRange());
    }
    case 'const':
      return problem('enum', `${name} must be ${describeValue(params['allowedValue'])} (got ${describeValue(value)})`, valueRange());
    case 'required': {
      const missing = String(params['missingProperty']);
      const allowed = schemaAtPath(experimentConfigSchema, [...path, missing], data)?.enum;
      const hint = allowed !== undefined ? ` (one of: ${allowed.join(', ')})` : '';
      const message = path.length > 0 ? `${name} is missing the required key '${missing}'${hint}` : `missing required key '${missing}'${hint}`;
      const range = path.length > 0 ? (keyRangeAtPath(source, path) ?? DOCUMENT_START) : DOCUMENT_START;
      return problem('required', message, range, [...path, missing]);
    }
    case 'type':
      return problem('type', `${name} must be ${typeName(String(params['type']))} (got ${describeValue(value)})`, valueRange());
    case 'enum': {
      const allowed = (params['allowedValues'] as readonly unknown[]).map(String);
      const suggestion = typeof value === 'string' ? closestMatch(value, allowed) : undefined;
      const hint = suggestion !== undefined ? `; did you mean '${suggestion}'?` : '';
      return problem('enum', `${name} must be one of: ${allowed.join(', ')} (got ${describeValue(value)}${hint})`, valueRange());
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const comparison = COMPARISON_SYMBOLS[String(params['comparison'])] ?? String(params['comparison']);
      return problem('range', `${name} must be ${comparison} ${String(params['limit'])} (got ${describeValue(value)})`, valueRange());
    }
    case 'minItems':
    case 'maxItems': {
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      const count = Array.isArray(value) ? value.length : 0;
      return problem('range', `${name} must list ${bound} ${String(params['limit'])} value(s) (got ${count})`, valueRange());
    }
    case 'minLength':
      return problem('range', `${name} must not be empty`, valueRange());
    case 'maxLength': {
      const length = typeof value === 'string' ? value.length : 0;
      return problem('range', `${name} must be at most ${String(params['limit'])} characters long (got ${length})`, valueRange());
    }
    default:
      return problem('schema', `${name === '' ? 'the config' : name} ${error.message ?? 'is invalid'}`, valueRange());
  }
}

const COMPARISON_SYMBOLS: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

function typeName(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping of keys to values';
    case 'array':
      return 'a list';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    default:
      return type;
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return String(value);
}

/** JSON Pointer segments back to a key path; a segment is a list index exactly where the data is a list. */
function decodeInstancePath(data: unknown, pointer: string): ConfigPath {
  const path: (string | number)[] = [];
  let current = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: string | number = Array.isArray(current) ? Number(segment) : segment;
    path.push(step);
    current = valueAt(current, [step]);
  }
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The kinds (`type` values) of a section that do have `key`. */
function kindsWithKey(section: ConfigSchemaNode | undefined, key: string): string[] {
  if (section === undefined || !isDiscriminated(section)) return [];
  return (section.oneOf ?? []).filter((branch) => ownProperty(branch.properties, key) !== undefined).map((branch) => String(branchTag(branch)));
}
