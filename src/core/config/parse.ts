import { readFileSync } from 'node:fs';
import { consistencyProblems } from './consistencyProblems';
import { configFileProblems } from './fileProblems';
import { defaultExperimentName, withSchemaDefaults } from './defaults';
import { withDerivedDefaults } from './derivedDefaults';
import { documentShapeProblem, duplicateKeyProblems, yamlProblems } from './documentProblems';
import { compareRanges, DOCUMENT_START } from './positions';
import type { ConfigProblem } from './problem';
import { experimentConfigSchema } from './schema';
import { schemaProblems } from './schemaProblems';
import type { ExperimentConfig } from './types';
import { parseYamlSource } from './yamlSource';
import type { YamlSource } from './yamlSource';

export type { SourcePosition, SourceRange } from './positions';
export type { ConfigPath, ConfigProblem, ConfigProblemCode } from './problem';
export { formatKeyPath, formatProblem } from './problem';
export { rangeOfPath } from './yamlSource';
export { configFileProblems } from './fileProblems';

export interface ConfigParseResult {
  /** Defined only when there is no error-severity problem; defaults applied. */
  readonly config: ExperimentConfig | undefined;
  /** Sorted by position. */
  readonly problems: readonly ConfigProblem[];
}

/** Parses and validates a config. `fileName` (optional) gives the default `name`: its base name without `.genmon.yaml`. */
export function parseConfig(text: string, fileName?: string): ConfigParseResult {
  const source = parseYamlSource(text);
  const problems = yamlProblems(source);
  // After a syntax error the tree is a guess; schema errors on it would mostly be noise.
  if (problems.some((problem) => problem.severity === 'error')) return finish(problems, undefined);

  const shapeProblem = documentShapeProblem(source);
  if (shapeProblem !== null) return finish([...problems, shapeProblem], undefined);

  problems.push(...duplicateKeyProblems(source));
  const data = plainData(source);
  if (!data.ok) {
    problems.push({ message: data.message, severity: 'error', range: DOCUMENT_START, path: [], code: 'yaml-syntax' });
    return finish(problems, undefined);
  }
  problems.push(...schemaProblems(source, data.value));
  if (problems.some((problem) => problem.severity === 'error')) return finish(problems, undefined);

  const withDefaults = withDerivedDefaults(withSchemaDefaults(experimentConfigSchema, data.value) as Record<string, unknown>);
  const config: ExperimentConfig = { ...withDefaults, name: withDefaults.name ?? defaultExperimentName(fileName) };
  problems.push(...consistencyProblems(source, config));
  return finish(problems, problems.some((problem) => problem.severity === 'error') ? undefined : config);
}

/** Reads and parses a config file, and checks the files it names (fileProblems.ts); throws only on I/O errors of the config itself. */
export function loadConfigFile(filePath: string): ConfigParseResult & { readonly text: string } {
  const text = readFileSync(filePath, 'utf8');
  const parsed = parseConfig(text, filePath);
  if (parsed.config === undefined) return { ...parsed, text };
  return { ...finish([...parsed.problems, ...configFileProblems(text, parsed.config, filePath)], parsed.config), text };
}

type PlainData = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** The document as plain JS; yaml refuses e.g. an alias bomb beyond its alias limit. */
function plainData(source: YamlSource): PlainData {
  try {
    return { ok: true, value: source.document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the YAML could not be read: ${reason}` };
  }
}

function finish(problems: ConfigProblem[], config: ExperimentConfig | undefined): ConfigParseResult {
  return { config, problems: [...problems].sort((a, b) => compareRanges(a.range, b.range)) };
}
