/**
 * Append-only JSON-lines files beside a run (alerts.jsonl, metrics.jsonl): one JSON value per line,
 * appended in one write, never rewritten. Reading tolerates what a crash leaves behind: a torn
 * last line is ignored (and reported), a later append starts on a fresh line, and a malformed
 * line elsewhere is skipped with its line number.
 */
import * as fs from 'node:fs';

export function appendJsonLines(file: string, values: readonly unknown[]): void {
  if (values.length === 0) return;
  let text = values.map((value) => JSON.stringify(value)).join('\n') + '\n';
  if (endsMidLine(file)) text = '\n' + text;
  fs.appendFileSync(file, text, 'utf8');
}

export interface JsonLine {
  /** 1-based, for messages. */
  readonly line: number;
  readonly value: unknown;
}

export interface JsonLinesContents {
  readonly lines: readonly JsonLine[];
  readonly problems: readonly string[];
}

export function parseJsonLines(text: string): JsonLinesContents {
  const problems: string[] = [];
  const lines: JsonLine[] = [];
  const all = text.split('\n');
  const complete = text.endsWith('\n') || text.length === 0;
  all.forEach((line, index) => {
    if (line.trim() === '') return;
    if (index === all.length - 1 && !complete) {
      problems.push(`line ${index + 1}: incomplete last line ignored (the writer stopped mid-line)`);
      return;
    }
    try {
      lines.push({ line: index + 1, value: JSON.parse(line) });
    } catch {
      problems.push(`line ${index + 1}: not valid JSON, skipped`);
    }
  });
  return { lines, problems };
}

/** A missing file reads as empty. */
export function readJsonLines(file: string): JsonLinesContents {
  try {
    return parseJsonLines(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], problems: [] };
    throw error;
  }
}

function endsMidLine(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}
