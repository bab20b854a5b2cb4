/**
 * What `set` may change, checked against the config schema's own bounds, so a running trainer
 * never accepts a value its config file could not hold.
 */
import { experimentConfigSchema } from '../../core/config/schema';
import { allowedLabel } from '../../core/config/schemaFacts';
import { schemaAtPath, type ConfigSchemaNode } from '../../core/config/schemaNode';
import type { TrainerSettings } from '../../protocol/control';

/** Where each setting lives in the config. */
const SETTING_PATHS: Readonly<Record<keyof TrainerSettings, readonly string[]>> = {
  learningRate: ['training', 'learningRate'],
  snapshotEvery: ['snapshot', 'every'],
};

function withinBounds(node: ConfigSchemaNode, value: number): boolean {
  if (node.type === 'integer' && !Number.isSafeInteger(value)) return false;
  if (node.minimum !== undefined && value < node.minimum) return false;
  if (node.maximum !== undefined && value > node.maximum) return false;
  if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) return false;
  if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) return false;
  return true;
}

/** A message saying why `value` is not allowed for `setting`, or undefined when it is. */
export function settingProblem(setting: keyof TrainerSettings, value: number): string | undefined {
  const path = SETTING_PATHS[setting];
  const node = schemaAtPath(experimentConfigSchema, path);
  if (!node) throw new Error(`the config schema has no ${path.join('.')}`);
  if (withinBounds(node, value)) return undefined;
  const allowed = allowedLabel(node);
  return `${setting} (config ${path.join('.')}) must be ${node.type === 'integer' ? 'an integer ' : ''}${allowed ?? ''}; got ${value}`;
}
