/**
 * The subset of JSON Schema draft-07 the experiment config uses. Kept narrow on purpose: hover
 * text, the docs tables and the validator all walk this shape, so any keyword added to the schema
 * must be understood by all three.
 */
export interface ConfigSchemaNode {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly default?: unknown;
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
}

/** Keywords that are not part of draft-07 but that the schema carries for editors. */
export const EDITOR_ONLY_KEYWORDS = ['enumDescriptions'] as const;

/** The schema node a key path leads to; undefined when the path leaves the schema. */
export function schemaAtPath(root: ConfigSchemaNode, path: readonly (string | number)[]): ConfigSchemaNode | undefined {
  let node: ConfigSchemaNode | undefined = root;
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (typeof segment === 'number') node = node.type === 'array' ? node.items : undefined;
    else node = node.type === 'object' ? ownProperty(node.properties, segment) : undefined;
  }
  return node;
}

/** A property's schema, ignoring keys inherited from Object.prototype (`constructor:` is just an unknown key). */
export function ownProperty(
  properties: Readonly<Record<string, ConfigSchemaNode>> | undefined,
  key: string,
): ConfigSchemaNode | undefined {
  return properties !== undefined && Object.hasOwn(properties, key) ? properties[key] : undefined;
}
