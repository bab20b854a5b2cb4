import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeAt, rangeOfPath } from '../../src/core/config';

const TEXT = [
  'seed: 42 # repeatable',
  'dataset:',
  '  type: gaussian-mixture',
  '  layout: grid',
  'model:',
  '  type: gan',
  '  generator: { hidden: [64, 32] }',
  'colour: red',
  '',
].join('\n');

describe('describeAt', () => {
  it('documents a key with its path, type, default and allowed range', () => {
    const hover = describeAt(TEXT, { line: 0, character: 2 });
    assert.ok(hover);
    assert.deepEqual(hover.path, ['seed']);
    assert.deepEqual(hover.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    assert.match(hover.markdown, /^\*\*seed\*\* · integer/);
    assert.match(hover.markdown, /Seed for every random choice/);
    assert.match(hover.markdown, /Default: `0`/);
    assert.match(hover.markdown, /Allowed: 0 to 4294967295/);
  });

  it('documents a value with the allowed values of its key, and highlights the value', () => {
    const hover = describeAt(TEXT, { line: 3, character: 12 });
    assert.ok(hover);
    assert.deepEqual(hover.path, ['dataset', 'layout']);
    assert.deepEqual(hover.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 14 } });
    assert.match(hover.markdown, /Default: `ring`/);
    assert.match(hover.markdown, /- `grid` — A `modes` × `modes` grid/);
  });

  it('documents list items inside flow mappings', () => {
    const hover = describeAt(TEXT, { line: 6, character: 28 });
    assert.ok(hover);
    assert.deepEqual(hover.path, ['model', 'generator', 'hidden', 1]);
    assert.deepEqual(hover.range, { start: { line: 6, character: 28 }, end: { line: 6, character: 30 } });
    assert.match(hover.markdown, /^\*\*model\.generator\.hidden\[1\]\*\* · integer/);
    assert.match(hover.markdown, /Allowed: 1 to 4096/);
  });

  it('documents a section key with the keys it may hold', () => {
    const hover = describeAt(TEXT, { line: 4, character: 0 });
    assert.ok(hover);
    assert.deepEqual(hover.path, ['model']);
    assert.match(hover.markdown, /Keys: `type`, `architecture`, `latentDim`, `hidden`, `baseChannels`, `pixelNorm`, `generator`, `discriminator`, `players`, `auction`$/);
  });

  it('documents the keys of the kind the document chose: the same key means different things per kind', () => {
    const vae = describeAt('model:\n  type: vae\n', { line: 0, character: 1 });
    assert.match(vae?.markdown ?? '', /Keys: .*`decoder`, `decoderSigma`, `klAnnealIterations`$/);
    const ringRadius = describeAt('dataset: { type: gaussian-mixture, radius: 3 }\n', { line: 0, character: 37 });
    assert.deepEqual(ringRadius?.path, ['dataset', 'radius']);
    assert.match(ringRadius?.markdown ?? '', /^\*\*dataset\.radius\*\* · number\n\nRadius of the ring/);
    const pieRadius = describeAt('dataset: { type: pie, radius: [0.1, 0.2] }\n', { line: 0, character: 24 });
    assert.match(pieRadius?.markdown ?? '', /^\*\*dataset\.radius\*\* · list of number or mapping\n\nPie radius/);
    const latent = describeAt('model: { type: gan, latentDim: 3 }\n', { line: 0, character: 22 });
    assert.match(latent?.markdown ?? '', /Default: 8 with mlp, 32 with conv/);
  });

  it('says nothing about unknown keys, comments or blank space', () => {
    assert.equal(describeAt(TEXT, { line: 7, character: 2 }), undefined);
    assert.equal(describeAt(TEXT, { line: 0, character: 14 }), undefined);
    assert.equal(describeAt(TEXT, { line: 8, character: 0 }), undefined);
    assert.equal(describeAt('', { line: 0, character: 0 }), undefined);
  });

  it('still documents keys while the file has a syntax error elsewhere', () => {
    const broken = `${TEXT}training: { batchSize: 5\n`;
    assert.deepEqual(describeAt(broken, { line: 0, character: 1 })?.path, ['seed']);
  });
});

describe('rangeOfPath', () => {
  it('finds a value, or its key when asked', () => {
    assert.deepEqual(rangeOfPath(TEXT, ['dataset', 'layout']), { start: { line: 3, character: 10 }, end: { line: 3, character: 14 } });
    assert.deepEqual(rangeOfPath(TEXT, ['dataset', 'layout'], true), { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } });
  });

  it('excludes trailing comments from a value', () => {
    assert.deepEqual(rangeOfPath(TEXT, ['seed']), { start: { line: 0, character: 6 }, end: { line: 0, character: 8 } });
  });

  it('spans a whole block mapping, ending at its last character', () => {
    assert.deepEqual(rangeOfPath(TEXT, ['model']), { start: { line: 5, character: 2 }, end: { line: 6, character: 33 } });
  });

  it('indexes into lists', () => {
    assert.deepEqual(rangeOfPath(TEXT, ['model', 'generator', 'hidden', 0]), { start: { line: 6, character: 24 }, end: { line: 6, character: 26 } });
  });

  it('is undefined for paths that are not in the text', () => {
    assert.equal(rangeOfPath(TEXT, ['training', 'batchSize']), undefined);
    assert.equal(rangeOfPath(TEXT, ['model', 'generator', 'hidden', 5]), undefined);
    assert.equal(rangeOfPath(TEXT, ['seed', 'nested']), undefined);
    assert.equal(rangeOfPath(TEXT, ['model', 0]), undefined);
  });
});
