/**
 * The subset of JSON Schema draft-07 the experiment config uses. Kept narrow on purpose: hover
 * text, the docs tables and the validator all walk this shape, so any keyword added to the schema
 * must be understood by all three.
 *
 * Alternatives (`oneOf`) come in two forms, and every walker picks the one branch that applies to
 * a value the same way (selectBranch): sections whose branches carry a `type` constant (the kinds
 * of dataset and model) are chosen by the value's `type`; other alternatives differ in JSON type
 * or in their required keys, and are chosen by those.
 */
export interface ConfigSchemaNode {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly default?: unknown;
  /** In words, for a default that depends on other keys (the schema then has no `default`). */
  readonly defaultText?: string;
  readonly const?: string | number;
  readonly enum?: readonly (string | number)[];
  /** Per-value explanations, in the order of `enum`; VS Code's YAML support shows them in completions. */
  readonly enumDescriptions?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: ConfigSchemaNode;
  readonly properties?: Readonly<Record<string, ConfigSchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly oneOf?: readonly ConfigSchemaNode[];
}

/** Keywords that are not part of draft-07 but that the schema carries for editors and docs. */
export const EDITOR_ONLY_KEYWORDS = ['enumDescriptions', 'defaultText'] as const;

/** The key whose constant tells the branches of a dataset or model section apart. */
export const DISCRIMINATOR_KEY = 'type';

/** The constant a branch's `type` key must hold, when the branch is one kind of a section. */
export function branchTag(branch: ConfigSchemaNode): string | number | undefined {
  return ownProperty(branch.properties, DISCRIMINATOR_KEY)?.const;
}

/** Whether the node's alternatives are kinds told apart by `type` (dataset, model). */
export function isDiscriminated(node: ConfigSchemaNode): boolean {
  return node.oneOf !== undefined && node.oneOf.length > 0 && node.oneOf.every((branch) => branchTag(branch) !== undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function matchesJsonType(branch: ConfigSchemaNode, value: unknown): boolean {
  switch (branch.type) {
    case 'object':
      return isRecord(value) && (branch.required ?? []).every((key) => Object.hasOwn(value, key));
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string' && (branch.const === undefined || branch.const === value);
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/** The branch of `node.oneOf` that applies to `value`; undefined when none does (or the node has none). */
export function selectBranch(node: ConfigSchemaNode, value: unknown): ConfigSchemaNode | undefined {
  if (node.oneOf === undefined) return undefined;
  if (isDiscriminated(node)) {
    const tag = isRecord(value) ? value[DISCRIMINATOR_KEY] : undefined;
    return node.oneOf.find((branch) => branchTag(branch) === tag);
  }
  return node.oneOf.find((branch) => matchesJsonType(branch, value));
}

/** The key's schema inside an object node: its own property first, then the branch that applies to `value`. */
function childOf(node: ConfigSchemaNode, key: string, value: unknown): ConfigSchemaNode | undefined {
  const own = ownProperty(node.properties, key);
  if (own !== undefined || node.oneOf === undefined) return own;
  const branch = selectBranch(node, value);
  if (branch !== undefined) return ownProperty(branch.properties, key);
  // No kind chosen yet (a missing or misspelt `type`): any kind that has the key still documents it.
  return node.oneOf.map((candidate) => ownProperty(candidate.properties, key)).find((found) => found !== undefined);
}

/**
 * The schema node a key path leads to; undefined when the path leaves the schema. With `data`
 * (the document as plain JS) alternatives are resolved against it, so `dataset.radius` means the
 * radius of the dataset kind the document chose.
 */
export function schemaAtPath(root: ConfigSchemaNode, path: readonly (string | number)[], data?: unknown): ConfigSchemaNode | undefined {
  let node: ConfigSchemaNode | undefined = root;
  let value = data;
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (node.type === undefined && node.oneOf !== undefined) {
      // An either/or value (an interval or a list of values): the form the data has, else the form the path implies.
      const implied = typeof segment === 'number' ? 'array' : 'object';
      node = selectBranch(node, value) ?? node.oneOf.find((branch) => branch.type === implied) ?? node;
    }
    if (typeof segment === 'number') node = node.type === 'array' ? node.items : undefined;
    else node = node.type === 'object' ? childOf(node, segment, value) : undefined;
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  return node;
}

/** The keys a mapping may hold, for the kind `value` chose where the mapping has kinds. */
export function knownKeys(node: ConfigSchemaNode | undefined, value: unknown): string[] {
  if (node === undefined) return [];
  const branch = selectBranch(node, value);
  return [...new Set([...Object.keys(node.properties ?? {}), ...Object.keys(branch?.properties ?? {})])];
}

/** A property's schema, ignoring keys inherited from Object.prototype (`constructor:` is just an unknown key). */
export function ownProperty(
  properties: Readonly<Record<string, ConfigSchemaNode>> | undefined,
  key: string,
): ConfigSchemaNode | undefined {
  return properties !== undefined && Object.hasOwn(properties, key) ? properties[key] : undefined;
}
