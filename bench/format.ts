/** How results are printed: a table for people, a JSON array for benchmark-tracking tools. */
import type { BenchResult } from './types';

export interface GroupedResult extends BenchResult {
  readonly group: string;
}

/** Six significant digits: more than any of these measurements can claim, fewer than float noise. */
function jsonNumber(value: number): number {
  return Number(value.toPrecision(6));
}

/** Exactly the `{name, unit, value}` objects the github-action-benchmark "custom" tools read. */
export function formatJson(results: readonly BenchResult[]): string {
  return JSON.stringify(
    results.map(({ name, unit, value }) => ({ name, unit, value: jsonNumber(value) })),
    null,
    2,
  );
}

function displayNumber(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.01) return value.toPrecision(2);
  const digits = Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 10 ? 2 : 3;
  return value.toFixed(digits);
}

export function formatTable(results: readonly GroupedResult[]): string {
  const header = ['group', 'name', 'unit', 'value', 'note'];
  const rows = results.map((result) => [result.group, result.name, result.unit, displayNumber(result.value), result.note ?? '']);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
