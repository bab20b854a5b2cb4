import type { ConfigSchemaNode } from './schemaNode';

/**
 * One-line summaries of a schema node (type, default, allowed values), shared by the editor hover
 * and the generated docs tables so both say the same thing.
 */

export function typeLabel(node: ConfigSchemaNode): string {
  if (node.type === undefined && node.oneOf !== undefined) return node.oneOf.map(typeLabel).join(' or ');
  if (node.type === 'array') return node.items !== undefined ? `list of ${typeLabel(node.items)}` : 'list';
  if (node.type === 'object') return 'mapping';
  if (node.type === 'string' && node.enum !== undefined) return 'string (enum)';
  if (node.type === 'integer' && node.enum !== undefined) return 'integer (enum)';
  if (node.const !== undefined) return `'${String(node.const)}'`;
  return node.type ?? 'any';
}

export function defaultLabel(node: ConfigSchemaNode): string | undefined {
  if (node.default === undefined) return undefined;
  if (Array.isArray(node.default)) return `[${node.default.map((item) => String(item)).join(', ')}]`;
  return String(node.default);
}

/** Allowed values in words, e.g. `1 to 65536`, `> 0 and ≤ 1`, `ring, grid`; undefined when unconstrained. */
export function allowedLabel(node: ConfigSchemaNode): string | undefined {
  if (node.enum !== undefined) return node.enum.map(String).join(', ');
  if (node.type === undefined && node.oneOf !== undefined) return joinDefined(node.oneOf.map((branch) => allowedLabel(branch)), '; ');
  if (node.type === 'array') {
    const count = boundsLabel(node.minItems, false, node.maxItems, false);
    const each = node.items !== undefined ? allowedLabel(node.items) : undefined;
    const parts = [count !== undefined ? `${count} items` : undefined, each !== undefined ? `each ${each}` : undefined];
    return joinDefined(parts, ', ');
  }
  if (node.type === 'string') {
    const length = boundsLabel(node.minLength, false, node.maxLength, false);
    return length !== undefined ? `${length} characters` : undefined;
  }
  const lower = node.exclusiveMinimum ?? node.minimum;
  const upper = node.exclusiveMaximum ?? node.maximum;
  return boundsLabel(lower, node.exclusiveMinimum !== undefined, upper, node.exclusiveMaximum !== undefined);
}

function boundsLabel(lower: number | undefined, lowerExclusive: boolean, upper: number | undefined, upperExclusive: boolean): string | undefined {
  if (lower !== undefined && upper !== undefined && !lowerExclusive && !upperExclusive) return `${lower} to ${upper}`;
  const parts = [
    lower !== undefined ? `${lowerExclusive ? '>' : '≥'} ${lower}` : undefined,
    upper !== undefined ? `${upperExclusive ? '<' : '≤'} ${upper}` : undefined,
  ];
  return joinDefined(parts, ' and ');
}

function joinDefined(parts: readonly (string | undefined)[], separator: string): string | undefined {
  const defined = parts.filter((part): part is string => part !== undefined);
  return defined.length > 0 ? defined.join(separator) : undefined;
}
