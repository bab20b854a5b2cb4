import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { rangeAt } from './positions';
import type { SourceRange } from './positions';
import type { ConfigPath } from './problem';

/** A parsed config text with what is needed to turn yaml's offsets into editor positions. */
export interface YamlSource {
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  // Duplicate keys are reported by findDuplicateKeys with the key path and the first occurrence,
  // which says more than yaml's own error.
  const document = parseDocument(text, { lineCounter, keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
  return { text, document, lineCounter };
}

/** What a key path leads to in the YAML tree: the pair holding it (for mappings) and its value node. */
export interface PathLocation {
  readonly keyNode: Node | undefined;
  readonly valueNode: Node | undefined;
}

/** A mapping key as the config sees it; yaml allows any node as a key, the config only strings. */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

/** The last pair with that key, because that is the value yaml's toJS keeps when keys repeat. */
function pairWithKey(items: readonly Pair[], key: string): Pair | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i];
    if (pair !== undefined && keyText(pair) === key) return pair;
  }
  return undefined;
}

function asNode(value: unknown): Node | undefined {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value) ? value : undefined;
}

export function locatePath(source: YamlSource, path: ConfigPath): PathLocation | undefined {
  let location: PathLocation = { keyNode: undefined, valueNode: asNode(source.document.contents) };
  for (const segment of path) {
    const node = location.valueNode;
    if (isMap(node) && typeof segment === 'string') {
      const pair = pairWithKey(node.items, segment);
      if (pair === undefined) return undefined;
      location = { keyNode: asNode(pair.key), valueNode: asNode(pair.value) };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return undefined;
      location = { keyNode: undefined, valueNode: isPair(item) ? asNode(item.value) : asNode(item) };
    } else {
      return undefined;
    }
  }
  return location;
}

/** A node's range without trailing comments; undefined for empty values, which have no text to point at. */
export function nodeRange(source: YamlSource, node: Node | undefined): SourceRange | undefined {
  const offsets = node?.range;
  if (offsets === undefined || offsets === null) return undefined;
  // Block collections end after their last line break; an underline should stop at the last character.
  let end = offsets[1];
  while (end > offsets[0] && /\s/.test(source.text.charAt(end - 1))) end--;
  if (end <= offsets[0]) return undefined;
  return rangeAt(source.lineCounter, offsets[0], end);
}

/** Where to point for a problem about the value at a path: the value, or its key when the value is empty. */
export function valueRangeAtPath(source: YamlSource, path: ConfigPath): SourceRange | undefined {
  const location = locatePath(source, path);
  if (location === undefined) return undefined;
  return nodeRange(source, location.valueNode) ?? nodeRange(source, location.keyNode);
}

/** Where to point for a problem about the key at a path: the key, or the value for sequence items. */
export function keyRangeAtPath(source: YamlSource, path: ConfigPath): SourceRange | undefined {
  const location = locatePath(source, path);
  if (location === undefined) return undefined;
  return nodeRange(source, location.keyNode) ?? nodeRange(source, location.valueNode);
}

/**
 * The source range of the value (or key, if keyOnly) at a key path, e.g. ['dataset','modes'];
 * undefined if absent. Lets other parts of genmon pin messages to config lines.
 */
export function rangeOfPath(text: string, path: ConfigPath, keyOnly = false): SourceRange | undefined {
  const source = parseYamlSource(text);
  return keyOnly ? keyRangeAtPath(source, path) : valueRangeAtPath(source, path);
}
