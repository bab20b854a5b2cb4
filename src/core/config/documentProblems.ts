import { isAlias, isMap, isPair, isSeq, visit } from 'yaml';
import type { Node, YAMLError } from 'yaml';
import { DOCUMENT_START, rangeAt } from './positions';
import type { ConfigPath, ConfigProblem } from './problem';
import { formatKeyPath } from './problem';
import { keyText, nodeRange } from './yamlSource';
import type { YamlSource } from './yamlSource';

/** yaml's wording for the cases people hit most, rephrased for a config file. */
function syntaxMessage(error: YAMLError): string {
  switch (error.code) {
    case 'MULTIPLE_DOCS':
      return "a genmon config is a single YAML document: remove the '---' and what follows it, or move it to another file";
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs';
    default:
      return `YAML syntax error: ${error.message.replace(/\s+/g, ' ').trim()}`;
  }
}

export function yamlProblems(source: YamlSource): ConfigProblem[] {
  const toProblem = (error: YAMLError, severity: 'error' | 'warning'): ConfigProblem => ({
    message: severity === 'error' ? syntaxMessage(error) : `YAML: ${error.message.replace(/\s+/g, ' ').trim()}`,
    severity,
    range: rangeAt(source.lineCounter, error.pos[0], Math.max(error.pos[0], error.pos[1])),
    path: [],
    code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
  });
  return [
    ...source.document.errors.map((error) => toProblem(error, 'error')),
    ...source.document.warnings.map((warning) => toProblem(warning, 'warning')),
  ];
}

/** Null when the document is a mapping the schema can check; otherwise the one problem to report. */
export function documentShapeProblem(source: YamlSource): ConfigProblem | null {
  const contents = source.document.contents;
  const isEmpty = contents === null || (!isMap(contents) && !isSeq(contents) && !isAlias(contents) && contents.value === null);
  if (isEmpty) {
    return {
      message: 'the config is empty: it needs at least a dataset and a model, e.g. dataset: { type: gaussian-mixture } and model: { type: gan }',
      severity: 'error',
      range: DOCUMENT_START,
      path: [],
      code: 'empty-document',
    };
  }
  if (isMap(contents)) return null;
  const found = isSeq(contents) ? 'a list' : isAlias(contents) ? 'an alias' : 'a single value';
  return {
    message: `the config must be a mapping of keys to values (like 'dataset:' and 'model:'), but the document is ${found}`,
    severity: 'error',
    range: nodeRange(source, contents) ?? DOCUMENT_START,
    path: [],
    code: 'not-a-mapping',
  };
}

/** Every repeated key in every mapping, pointing at the repeat and naming the line of the first. */
export function duplicateKeyProblems(source: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  visit(source.document, {
    Map(_key, map, ancestry) {
      const firstByKey = new Map<string, Node | undefined>();
      for (const pair of map.items) {
        const key = keyText(pair);
        if (key === undefined) continue;
        const keyNode = pair.key as Node | undefined;
        if (!firstByKey.has(key)) {
          firstByKey.set(key, keyNode);
          continue;
        }
        const firstRange = nodeRange(source, firstByKey.get(key));
        const path = [...pathOf([...ancestry, map]), key];
        const where = path.length > 1 ? ` in ${formatKeyPath(path.slice(0, -1))}` : '';
        const first = firstRange === undefined ? '' : ` (first defined on line ${firstRange.start.line + 1})`;
        problems.push({
          message: `duplicate key '${key}'${where}${first}`,
          severity: 'error',
          range: nodeRange(source, keyNode) ?? DOCUMENT_START,
          path,
          code: 'duplicate-key',
        });
      }
    },
  });
  return problems;
}

/** The key path of a node from the chain of ancestors yaml's visitor passes. */
function pathOf(ancestry: readonly unknown[]): ConfigPath {
  const path: (string | number)[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const ancestor = ancestry[i];
    const child = ancestry[i + 1];
    if (isPair(ancestor)) {
      const key = keyText(ancestor);
      if (key !== undefined) path.push(key);
    } else if (isSeq(ancestor) && child !== undefined) {
      path.push(ancestor.items.indexOf(child as never));
    }
  }
  return path;
}
