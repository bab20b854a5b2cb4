/**
 * Attribute groups: each value of each attribute ("shape=circle") and each combination of two
 * attributes ("shape=circle+colour=red"). Labels are value indices per row; −1 means unknown.
 */

export interface AttributeSpec {
  readonly name: string;
  readonly values: readonly string[];
}

/** Value index per row, by attribute name; −1 (or any index outside the values) = unknown. */
export type LabelColumns = Readonly<Record<string, Int32Array>>;
/** The evaluator's confidence in each predicted label, in [0, 1], by attribute name. */
export type ConfidenceColumns = Readonly<Record<string, Float32Array>>;

export interface AttributeGroup {
  /** Stable key: "shape=circle" or "shape=circle+colour=red". */
  readonly id: string;
  /** For people: "circle" or "circle+red". */
  readonly label: string;
  readonly attributes: readonly string[];
  readonly values: readonly string[];
}

export function groupOf(specs: readonly AttributeSpec[], valueIndices: readonly number[]): AttributeGroup {
  const attributes = specs.map((s) => s.name);
  const values = specs.map((s, i) => s.values[valueIndices[i] as number] ?? '?');
  return {
    id: attributes.map((a, i) => `${a}=${values[i]}`).join('+'),
    label: values.join('+'),
    attributes,
    values,
  };
}

/** The attribute sets groups are formed over: each attribute alone, then (optionally) each pair in order. */
export function attributeSets(specs: readonly AttributeSpec[], pairs: boolean): AttributeSpec[][] {
  const sets: AttributeSpec[][] = specs.map((s) => [s]);
  if (pairs) for (let i = 0; i < specs.length; i++) for (let j = i + 1; j < specs.length; j++) sets.push([specs[i] as AttributeSpec, specs[j] as AttributeSpec]);
  return sets;
}

/** Value index of row `row` for `spec`, or −1 when unknown or out of range. */
export function valueAt(columns: LabelColumns, spec: AttributeSpec, row: number): number {
  const column = columns[spec.name];
  const value = column ? (column[row] ?? -1) : -1;
  return value >= 0 && value < spec.values.length ? value : -1;
}

/** Checks that every attribute has a column of at least `rows` entries; returns problems for people. */
export function labelProblems(specs: readonly AttributeSpec[], columns: LabelColumns, rows: number, what: string): string[] {
  const problems: string[] = [];
  for (const spec of specs) {
    const column = columns[spec.name];
    if (!column) problems.push(`${what} has no labels for attribute '${spec.name}'`);
    else if (column.length < rows) problems.push(`${what} labels for '${spec.name}' have ${column.length} rows, expected ${rows}`);
  }
  return problems;
}
