import type { SourceRange } from './positions';

export type ConfigPath = readonly (string | number)[];

/**
 * What kind of problem a diagnostic reports. Stable strings: the editor shows them as the
 * diagnostic's code and tests match on them.
 */
export type ConfigProblemCode =
  | 'yaml-syntax'
  | 'yaml-warning'
  | 'empty-document'
  | 'not-a-mapping'
  | 'duplicate-key'
  | 'unknown-key'
  | 'required'
  | 'type'
  | 'range'
  | 'enum'
  | 'schema'
  | 'no-snapshot'
  | 'dataset'
  | 'architecture'
  | 'ignored-key'
  | 'missing-file';

export interface ConfigProblem {
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly range: SourceRange;
  readonly path: ConfigPath;
  readonly code: ConfigProblemCode;
}

/** `model.generator.hidden[1]`: how a person would name the key in prose. */
export function formatKeyPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** "ring8.genmon.yaml:4:3 error: training.batchSize must be ≥ 1 (got 0)" — 1-based, as compilers print it. */
export function formatProblem(problem: ConfigProblem, fileName: string): string {
  const { line, character } = problem.range.start;
  return `${fileName}:${line + 1}:${character + 1} ${problem.severity}: ${problem.message}`;
}
