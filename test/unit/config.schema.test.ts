import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { experimentConfigSchema, parseConfig } from '../../src/core/config';
import type { ConfigSchemaNode } from '../../src/core/config';
import { isDiscriminated } from '../../src/core/config/schemaNode';
import { DOCS_FILE, renderSchemaJson, SCHEMA_FILE, withGeneratedTables } from '../../src/core/config/schemaFiles';

const repositoryRoot = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(repositoryRoot, file), 'utf8');

/**
 * Every property with its key path, through the kinds of a section (`dataset.counts` is a key of
 * dataset type dots) and into the alternatives of a value (marked `alternative`: they are
 * documented as part of the value, not as keys of their own).
 */
function* propertiesOf(node: ConfigSchemaNode, path: string, alternative = false): Generator<[string, ConfigSchemaNode, boolean]> {
  const kinds = isDiscriminated(node) ? (node.oneOf ?? []) : [];
  for (const [key, child] of [...Object.entries(node.properties ?? {}), ...kinds.flatMap((kind) => Object.entries(kind.properties ?? {}))]) {
    yield [`${path}${key}`, child, alternative];
    yield* propertiesOf(child, `${path}${key}.`, alternative);
    if (child.items !== undefined) {
      yield [`${path}${key}[]`, child.items, alternative];
      yield* propertiesOf(child.items, `${path}${key}[].`, true);
    }
    if (!isDiscriminated(child)) {
      for (const [index, branch] of (child.oneOf ?? []).entries()) {
        yield [`${path}${key}<${index}>`, branch, true];
        yield* propertiesOf(branch, `${path}${key}<${index}>.`, true);
      }
    }
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
      // A section with kinds is closed by each kind.
      if (node.type === 'object' && !isDiscriminated(node)) assert.equal(node.additionalProperties, false, `${path} accepts unknown keys`);
      if (node.enum !== undefined) assert.equal(node.enumDescriptions?.length, node.enum.length, `${path} enumDescriptions`);
    }
  });

  it('accepts its own defaults when they are written out explicitly, for every kind of dataset and model', () => {
    const datasets = ['gaussian-mixture', 'dots', 'pie', 'sprites', 'mnist', 'image-folder, path: images'];
    for (const dataset of datasets) {
      for (const model of ['gan', 'wgan-gp', 'vae']) {
        const explicit = parseConfig(`dataset: { type: ${dataset} }\nmodel: { type: ${model} }\n`).config;
        assert.ok(explicit, `${dataset} + ${model}`);
        const reparsed = parseConfig(JSON.stringify(explicit));
        assert.deepEqual(reparsed.problems, [], `${dataset} + ${model}`);
        assert.deepEqual(reparsed.config, explicit);
      }
    }
  });
});

describe('generated files', () => {
  it(`${SCHEMA_FILE} is what npm run schema writes`, () => {
    assert.equal(read(SCHEMA_FILE), renderSchemaJson(), `${SCHEMA_FILE} is out of date: run npm run schema`);
  });

  it(`${DOCS_FILE} holds the tables npm run schema writes, with a row per key`, () => {
    const docs = read(DOCS_FILE);
    assert.equal(docs, withGeneratedTables(docs), `${DOCS_FILE} is out of date: run npm run schema`);
    for (const [path, node, alternative] of propertiesOf(experimentConfigSchema, '')) {
      const isLeaf = node.type !== 'object';
      if (isLeaf && !alternative && !path.endsWith('[]')) assert.ok(docs.includes(`| \`${path}\` |`), `${DOCS_FILE} lacks ${path}`);
    }
  });

  it('package.json points VS Code at the generated schema', () => {
    const manifest = JSON.parse(read('package.json')) as { contributes: { yamlValidation: { fileMatch: string; url: string }[] } };
    assert.ok(manifest.contributes.yamlValidation.some((entry) => entry.url === `./${SCHEMA_FILE}`));
  });
});
