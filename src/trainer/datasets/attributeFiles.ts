/**
 * Per-image attribute tables: a CSV with a header, or a CelebA-style `list_attr` file.
 * Either becomes file name → attribute value indices, with every attribute's value names.
 */
import type { AttributeSpec } from './dataset';

export interface AttributeTable {
  readonly attributes: readonly AttributeSpec[];
  /** File name → one value index per attribute. */
  readonly rows: ReadonlyMap<string, readonly number[]>;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string, name: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    recordLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error(`${name}: a quoted field opened on line ${recordLine} is never closed`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Distinct values in a stable order: numeric when every value is a number, else by code point. */
function valueNames(values: Iterable<string>): string[] {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => v !== '' && Number.isFinite(Number(v)));
  return distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A CSV whose first column names the image file and whose other columns are categorical attributes. */
export function parseAttributeCsv(text: string, name: string): AttributeTable {
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''), name);
  if (!header || header.fields.length < 2) throw new Error(`${name}: expected a header row 'file,attribute,…' with at least one attribute`);
  const names = header.fields.slice(1).map((field) => field.trim());
  names.forEach((attribute, i) => {
    if (attribute === '') throw new Error(`${name}: attribute column ${i + 2} has no name in the header`);
  });
  const raw = new Map<string, string[]>();
  for (const { line, fields } of records) {
    if (fields.length !== header.fields.length) throw new Error(`${name}:${line}: expected ${header.fields.length} fields, found ${fields.length}`);
    const file = (fields[0] as string).trim();
    if (file === '') throw new Error(`${name}:${line}: the file name is empty`);
    if (raw.has(file)) throw new Error(`${name}:${line}: '${file}' is listed twice`);
    raw.set(file, fields.slice(1).map((field) => field.trim()));
  }
  const attributes = names.map((attribute, a) => ({ name: attribute, values: valueNames([...raw.values()].map((row) => row[a] as string)) }));
  const rows = new Map<string, number[]>();
  for (const [file, values] of raw) rows.set(file, values.map((value, a) => (attributes[a] as AttributeSpec).values.indexOf(value)));
  return { attributes, rows };
}

/** Binary attributes of a `list_attr` file: -1 (or 0) → 'no' (index 0), 1 → 'yes' (index 1). */
export const LIST_ATTR_VALUES = ['no', 'yes'] as const;

/** CelebA's format: line 1 the image count, line 2 the attribute names, then `file v1 v2 …`. */
export function parseListAttr(text: string, name: string): AttributeTable {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((content, i) => ({ line: i + 1, content: content.trim() }))
    .filter(({ content }) => content !== '');
  const [countLine, namesLine, ...records] = lines;
  const declared = countLine ? Number(countLine.content) : NaN;
  if (!countLine || !Number.isSafeInteger(declared) || declared < 0) throw new Error(`${name}:1: expected the number of images on the first line`);
  if (!namesLine) throw new Error(`${name}: expected the attribute names on the second line`);
  const names = namesLine.content.split(/\s+/);
  const rows = new Map<string, number[]>();
  for (const { line, content } of records) {
    const [file, ...values] = content.split(/\s+/);
    if (values.length !== names.length) throw new Error(`${name}:${line}: expected ${names.length} values after the file name, found ${values.length}`);
    if (rows.has(file as string)) throw new Error(`${name}:${line}: '${file}' is listed twice`);
    rows.set(
      file as string,
      values.map((value, a) => {
        if (value === '1') return 1;
        if (value === '-1' || value === '0') return 0;
        throw new Error(`${name}:${line}: ${names[a]} is '${value}', expected 1 or -1`);
      }),
    );
  }
  if (rows.size !== declared) throw new Error(`${name}: the first line declares ${declared} images but ${rows.size} are listed`);
  return { attributes: names.map((attribute) => ({ name: attribute, values: [...LIST_ATTR_VALUES] })), rows };
}
