import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { experimentConfigSchema, parseConfig } from '../../src/core/config';
import type { ConfigSchemaNode } from '../../src/core/config';
import { DOCS_FILE, renderSchemaJson, SCHEMA_FILE, withGeneratedTables } from '../../src/core/config/schemaFiles';

const repositoryRoot = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(repositoryRoot, file), 'utf8');

function* propertiesOf(node: ConfigSchemaNode, path: string): Generator<[string, ConfigSchemaNode]> {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    yield [`${path}${key}`, child];
    yield* propertiesOf(child, `${path}${key}.`);
    if (child.items !== undefined) yield [`${path}${key}[]`, child.items];
  }
}

describe('experimentConfigSchema', () => {
  it('is a draft-07 schema with an id, title and description', () => {
    assert.equal(experimentConfigSchema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(experimentConfigSchema.$id);
    assert.ok(experimentConfigSchema.title);
    assert.ok(experimentConfigSchema.description);
  });

  it('describes every property, and closes every mapping to unknown keys', () => {
    const all = [...propertiesOf(experimentConfigSchema, '')];
    assert.ok(all.length > 20);
    for (const [path, node] of all) {
      assert.ok(node.description !== undefined && node.description.length > 10, `${path} has no description`);
      if (node.type === 'object') assert.equal(node.additionalProperties, false, `${path} accepts unknown keys`);
      if (node.enum !== undefined) assert.equal(node.enumDescriptions?.length, node.enum.length, `${path} enumDescriptions`);
    }
  });

  it('accepts its own defaults when they are written out explicitly', () => {
    const explicit = parseConfig('dataset: { type: gaussian-mixture }\nmodel: { type: gan }\n').config;
    assert.ok(explicit);
    const written = JSON.stringify(explicit);
    const reparsed = parseConfig(written);
    assert.deepEqual(reparsed.problems, []);
    assert.deepEqual(reparsed.config, explicit);
  });
});

describe('generated files', () => {
  it(`${SCHEMA_FILE} is what npm run schema writes`, () => {
    assert.equal(read(SCHEMA_FILE), renderSchemaJson(), `${SCHEMA_FILE} is out of date: run npm run schema`);
  });

  it(`${DOCS_FILE} holds the tables npm run schema writes, with a row per key`, () => {
    const docs = read(DOCS_FILE);
    assert.equal(docs, withGeneratedTables(docs), `${DOCS_FILE} is out of date: run npm run schema`);
    for (const [path, node] of propertiesOf(experimentConfigSchema, '')) {
      if (node.type !== 'object' && !path.endsWith('[]')) assert.ok(docs.includes(`| \`${path}\` |`), `${DOCS_FILE} lacks ${path}`);
    }
  });

  it('package.json points VS Code at the generated schema', () => {
    const manifest = JSON.parse(read('package.json')) as { contributes: { yamlValidation: { fileMatch: string; url: string }[] } };
    assert.ok(manifest.contributes.yamlValidation.some((entry) => entry.url === `./${SCHEMA_FILE}`));
  });
});
