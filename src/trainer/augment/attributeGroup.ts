/**
 * The attribute group an augment targets, e.g. { shape: 'circle', color: 'red' }, resolved against
 * the dataset's attribute specs. Clients may name a value by its name or by its index (a number),
 * because a label like MNIST's "7" is naturally sent as 7.
 */
import type { AttributeValue } from '../../protocol/control';
import type { AttributeSpec } from '../datasets/dataset';
import { AugmentError } from './augmentError';

export interface GroupTerm {
  readonly name: string;
  readonly attribute: number;
  readonly value: number;
}

export interface AttributeGroup {
  readonly terms: readonly GroupTerm[];
  /** Attribute name → value name, as JSON for events and checkpoints. */
  readonly named: Readonly<Record<string, string>>;
  /** e.g. `shape=circle+color=red`. */
  readonly text: string;
}

const BOOLEAN_NAMES: Readonly<Record<'true' | 'false', readonly string[]>> = { true: ['yes', 'true', '1'], false: ['no', 'false', '0'] };

function valueIndex(spec: AttributeSpec, value: AttributeValue): number | undefined {
  if (typeof value === 'boolean') {
    const names = BOOLEAN_NAMES[value ? 'true' : 'false'];
    const index = spec.values.findIndex((name) => names.includes(name.toLowerCase()));
    return index >= 0 ? index : undefined;
  }
  const byName = spec.values.indexOf(String(value));
  if (byName >= 0) return byName;
  // A number that is no value's name may be an index: 0 is the first value.
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < spec.values.length ? value : undefined;
}

/** Throws an AugmentError naming the unknown attribute or value and what the dataset has instead. */
export function resolveGroup(attributes: readonly AttributeSpec[], group: Readonly<Record<string, AttributeValue>>): AttributeGroup {
  if (attributes.length === 0) throw new AugmentError('invalid-request', 'this dataset has no attributes, so no group can be chosen (an image folder needs an attribute CSV)');
  const entries = Object.entries(group);
  if (entries.length === 0) throw new AugmentError('invalid-request', 'the group names no attribute');
  const terms: GroupTerm[] = [];
  const named: Record<string, string> = {};
  for (const [name, value] of entries) {
    const attribute = attributes.findIndex((spec) => spec.name === name);
    const spec = attributes[attribute];
    if (spec === undefined) throw new AugmentError('invalid-request', `unknown attribute "${name}"; this dataset has ${attributes.map((a) => `"${a.name}"`).join(', ')}`);
    const index = valueIndex(spec, value);
    if (index === undefined) throw new AugmentError('invalid-request', `"${name}" has no value ${JSON.stringify(value)}; its values are ${spec.values.map((v) => `"${v}"`).join(', ')}`);
    terms.push({ name, attribute, value: index });
    named[name] = spec.values[index] as string;
  }
  return { terms, named, text: Object.entries(named).map(([name, value]) => `${name}=${value}`).join('+') };
}

/** Whether row `row` of a row-major label array with `attributeCount` columns is in the group. */
export function inGroup(group: AttributeGroup, labels: Int32Array, row: number, attributeCount: number): boolean {
  return group.terms.every(({ attribute, value }) => labels[row * attributeCount + attribute] === value);
}
