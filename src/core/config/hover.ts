import { isMap, isScalar, isSeq, isAlias } from 'yaml';
import type { Node } from 'yaml';
import { offsetAt } from './positions';
import type { SourcePosition, SourceRange } from './positions';
import { valueAt } from './valueAt';
import type { ConfigPath } from './problem';
import { formatKeyPath } from './problem';
import { experimentConfigSchema } from './schema';
import { allowedLabel, defaultLabel, typeLabel } from './schemaFacts';
import type { ConfigSchemaNode } from './schemaNode';
import { knownKeys, schemaAtPath } from './schemaNode';
import { keyText, nodeRange, parseYamlSource } from './yamlSource';

export interface ConfigHover {
  readonly markdown: string;
  /** The key or value under the position, for the editor to highlight. */
  readonly range: SourceRange;
  readonly path: ConfigPath;
}

/**
 * For an editor hover: the schema's documentation of the key or value at a position. Undefined
 * when the position is on nothing the schema documents (whitespace, a comment, an unknown key).
 */
export function describeAt(text: string, position: SourcePosition): ConfigHover | undefined {
  const source = parseYamlSource(text);
  const hit = nodeAt(asNode(source.document.contents), offsetAt(text, position), []);
  if (hit === undefined) return undefined;
  // The document as plain JS resolves the kinds: `radius` under `type: pie` is the pie's radius.
  const data = plainData(source.document);
  const schema = schemaAtPath(experimentConfigSchema, hit.path, data);
  const range = nodeRange(source, hit.node);
  if (schema === undefined || range === undefined) return undefined;
  return { markdown: describeSchema(hit.path, schema, valueAt(data, hit.path)), range, path: hit.path };
}

interface NodeHit {
  readonly node: Node;
  readonly path: ConfigPath;
}

function asNode(value: unknown): Node | undefined {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value) ? value : undefined;
}

function contains(node: Node | undefined, offset: number): node is Node {
  const range = node?.range;
  return range !== undefined && range !== null && range[0] <= offset && offset <= range[1] && range[0] < range[1];
}

/** The innermost key or scalar value at `offset`, with the key path leading to it. */
function nodeAt(node: Node | undefined, offset: number, path: ConfigPath): NodeHit | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key === undefined) continue;
      const keyNode = asNode(pair.key);
      if (contains(keyNode, offset)) return { node: keyNode, path: [...path, key] };
      const valueNode = asNode(pair.value);
      // Ranges of neighbours touch (a block ends where the next key starts), so a miss inside one
      // value must not end the search.
      const inValue = contains(valueNode, offset) ? nodeAt(valueNode, offset, [...path, key]) : undefined;
      if (inValue !== undefined) return inValue;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const itemNode = asNode(item);
      const inItem = contains(itemNode, offset) ? nodeAt(itemNode, offset, [...path, index]) : undefined;
      if (inItem !== undefined) return inItem;
    }
    return undefined;
  }
  return contains(node, offset) ? { node, path } : undefined;
}

function describeSchema(path: ConfigPath, schema: ConfigSchemaNode, valueAtPath: unknown): string {
  const lines = [`**${formatKeyPath(path)}** · ${typeLabel(schema)}`];
  if (schema.description !== undefined) lines.push('', schema.description);
  const facts: string[] = [];
  const defaultValue = defaultLabel(schema);
  if (defaultValue !== undefined) facts.push(`Default: \`${defaultValue}\``);
  else if (schema.defaultText !== undefined) facts.push(`Default: ${schema.defaultText}`);
  const allowed = schema.enum === undefined ? allowedLabel(schema) : undefined;
  if (allowed !== undefined) facts.push(`Allowed: ${allowed}`);
  if (facts.length > 0) lines.push('', facts.join(' · '));
  if (schema.enum !== undefined) {
    lines.push('', 'Allowed values:');
    for (const [index, value] of schema.enum.entries()) {
      const explanation = schema.enumDescriptions?.[index];
      lines.push(`- \`${String(value)}\`${explanation !== undefined ? ` — ${explanation}` : ''}`);
    }
  }
  const keys = knownKeys(schema, valueAtPath);
  if (schema.type === 'object' && keys.length > 0) lines.push('', `Keys: ${keys.map((key) => `\`${key}\``).join(', ')}`);
  return lines.join('\n');
}

function plainData(document: { toJS(options: { maxAliasCount: number }): unknown }): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch {
    // A document yaml cannot turn into data still gets hovers, just without kinds resolved.
    return undefined;
  }
}
