import type { ConfigSchemaNode } from './schemaNode';
import { selectBranch } from './schemaNode';

/**
 * `data` (already valid against `schema`) with every omitted property that has a schema default
 * filled in. Omitted optional blocks (like `training`) are filled too, so a config may leave out a
 * whole section. Reads defaults from the schema so docs, hovers and behaviour cannot disagree.
 */
export function withSchemaDefaults(schema: ConfigSchemaNode, data: unknown): unknown {
  // A section with kinds (dataset, model) takes the defaults of the kind the data chose.
  const node = selectBranch(schema, data) ?? schema;
  if (node.type !== 'object' || node.properties === undefined || !isRecord(data)) return data;
  const result: Record<string, unknown> = { ...data };
  for (const [key, propertySchema] of Object.entries(node.properties)) {
    if (Object.hasOwn(data, key)) result[key] = withSchemaDefaults(propertySchema, data[key]);
    else if (propertySchema.default !== undefined) result[key] = structuredClone(propertySchema.default);
    else if (propertySchema.type === 'object' && propertySchema.oneOf === undefined && !(node.required ?? []).includes(key)) {
      result[key] = withSchemaDefaults(propertySchema, {});
    }
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `ring8.genmon.yaml` → `ring8`; the name an experiment gets when the config does not set one. */
export function defaultExperimentName(fileName: string | undefined): string {
  if (fileName === undefined) return 'experiment';
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.genmon\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
  return stem === '' ? 'experiment' : stem;
}
