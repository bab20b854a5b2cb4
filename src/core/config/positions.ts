import type { LineCounter } from 'yaml';

/** A position in a text document, 0-based like VS Code's `Position`; `character` counts UTF-16 code units. */
export interface SourcePosition {
  readonly line: number;
  readonly character: number;
}

export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export const DOCUMENT_START: SourceRange = {
  start: { line: 0, character: 0 },
  end: { line: 0, character: 0 },
};

/** yaml's LineCounter is 1-based; editors and our API are 0-based. */
export function positionAt(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

export function rangeAt(lineCounter: LineCounter, startOffset: number, endOffset: number): SourceRange {
  return { start: positionAt(lineCounter, startOffset), end: positionAt(lineCounter, endOffset) };
}

/** Inverse of positionAt, so editor positions can be matched against yaml's node offsets. */
export function offsetAt(text: string, position: SourcePosition): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const lineLength = (lineEnd < 0 ? text.length : lineEnd) - offset;
  return offset + Math.max(0, Math.min(position.character, lineLength));
}

export function compareRanges(a: SourceRange, b: SourceRange): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}
