/**
 * `npm run schema`: writes schemas/genmon.schema.json (for package.json's `yamlValidation`) and the
 * key tables of docs/config.md from src/core/config/schema.ts. With `--check`, writes nothing and
 * exits 1 when either file is out of date.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DOCS_FILE, renderSchemaJson, SCHEMA_FILE, withGeneratedTables } from '../src/core/config/schemaFiles';

const repositoryRoot = join(__dirname, '..');
const checkOnly = process.argv.includes('--check');

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const docsPath = join(repositoryRoot, DOCS_FILE);
const currentDocs = readIfPresent(docsPath);
if (currentDocs === undefined) throw new Error(`${DOCS_FILE} is missing: it holds the hand-written part of the config docs`);

const outputs = [
  { file: SCHEMA_FILE, expected: renderSchemaJson() },
  { file: DOCS_FILE, expected: withGeneratedTables(currentDocs) },
];

let stale = 0;
for (const { file, expected } of outputs) {
  const path = join(repositoryRoot, file);
  if (readIfPresent(path) === expected) continue;
  if (checkOnly) {
    console.error(`${file} is out of date: run npm run schema`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, expected);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
