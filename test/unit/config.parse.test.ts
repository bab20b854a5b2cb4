import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatProblem, loadConfigFile, parseConfig } from '../../src/core/config/parse';
import type { ConfigProblem, SourceRange } from '../../src/core/config/parse';
import { DEFAULT_ALERT_RULES } from '../../src/core/alerts/rules';

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;
const range = (line: number, start: number, endLine: number, end: number): SourceRange => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});
const MINIMAL = lines('dataset: { type: gaussian-mixture }', 'model: { type: gan }');

function onlyProblem(text: string): ConfigProblem {
  const result = parseConfig(text);
  assert.equal(result.problems.length, 1, JSON.stringify(result.problems, null, 2));
  assert.equal(result.config, undefined);
  const [problem] = result.problems;
  assert.ok(problem);
  return problem;
}

describe('parseConfig: valid configs', () => {
  it('fills every default around the two required types', () => {
    const result = parseConfig(MINIMAL, '/projects/demo/ring8.genmon.yaml');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.config, {
      name: 'ring8',
      seed: 0,
      dataset: { type: 'gaussian-mixture', layout: 'ring', modes: 8, radius: 2, sigma: 0.05 },
      model: {
        type: 'gan',
        architecture: 'mlp',
        hidden: [128, 128],
        baseChannels: 32,
        pixelNorm: true,
        generator: { hidden: [128, 128] },
        discriminator: { hidden: [128, 128] },
        latentDim: 8,
        players: 1,
        auction: { every: 1, score: 'relative', alignment: { loss: 'mse', samples: 'own', weight: 1, steps: 1 } },
      },
      training: { maxIterations: 5000, backend: 'auto', batchSize: 256, learningRate: 0.0002, beta1: 0.5, beta2: 0.999 },
      snapshot: { every: 100, realSamples: 512, generatedSamples: 512, thumbnails: 64, thumbnailSize: 32, projectionImageSize: 16 },
      alerts: DEFAULT_ALERT_RULES,
    });
  });

  it('keeps the values that are written and defaults only the rest', () => {
    const text = lines(
      'name: custom',
      'seed: 7',
      'dataset:',
      '  type: gaussian-mixture',
      '  layout: grid',
      '  modes: 5',
      'model:',
      '  type: gan',
      '  generator: { hidden: [64] }',
      'training:',
      '  learningRate: 1e-3',
      '  backend: wasm',
    );
    const config = parseConfig(text, 'ignored.genmon.yaml').config;
    assert.ok(config);
    assert.equal(config.name, 'custom');
    assert.equal(config.seed, 7);
    assert.deepEqual(config.dataset, { type: 'gaussian-mixture', layout: 'grid', modes: 5, radius: 2, sigma: 0.05 });
    assert.ok(config.model.type === 'gan');
    assert.deepEqual(config.model.generator.hidden, [64]);
    assert.deepEqual(config.model.discriminator.hidden, [128, 128]);
    assert.equal(config.training.learningRate, 0.001);
    assert.equal(config.training.backend, 'wasm');
    assert.equal(config.training.batchSize, 256);
  });

  it('does not share default arrays between configs', () => {
    const first = parseConfig(MINIMAL).config;
    const second = parseConfig(MINIMAL).config;
    assert.ok(first?.model.type === 'gan' && second?.model.type === 'gan');
    assert.notEqual(first.model.generator.hidden, second.model.generator.hidden);
    (first.model.generator.hidden as number[]).push(1);
    assert.deepEqual(second.model.generator.hidden, [128, 128]);
  });

  it('names the experiment after the file, or "experiment" without one', () => {
    assert.equal(parseConfig(MINIMAL, 'C:\\work\\spiral.genmon.yaml').config?.name, 'spiral');
    assert.equal(parseConfig(MINIMAL, 'moons.genmon.yml').config?.name, 'moons');
    assert.equal(parseConfig(MINIMAL, 'plain.yaml').config?.name, 'plain');
    assert.equal(parseConfig(MINIMAL).config?.name, 'experiment');
  });

  it('parses examples/ring8.genmon.yaml without any problem', () => {
    const result = loadConfigFile(join(__dirname, '..', '..', 'examples', 'ring8.genmon.yaml'));
    assert.deepEqual(result.problems, []);
    assert.equal(result.config?.name, 'ring8');
    assert.equal(result.config?.seed, 42);
    assert.match(result.text, /type: gaussian-mixture/);
  });
});

describe('parseConfig: schema errors point at the right text', () => {
  it('points an unknown key at the key and suggests the closest known one', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'training:', '  learnRate: 0.1'));
    assert.equal(problem.code, 'unknown-key');
    assert.equal(problem.message, "unknown key 'learnRate' in training (did you mean 'learningRate'?)");
    assert.deepEqual(problem.range, range(3, 2, 3, 11));
    assert.deepEqual(problem.path, ['training', 'learnRate']);
  });

  it('lists the known keys when nothing is close to an unknown one', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'colour: red'));
    assert.equal(problem.message, "unknown key 'colour' (expected one of: name, seed, dataset, model, training, snapshot, alerts)");
    assert.deepEqual(problem.range, range(2, 0, 2, 6));
  });

  it('treats keys inherited from Object.prototype as unknown', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'constructor: 1'));
    assert.equal(problem.code, 'unknown-key');
    assert.deepEqual(problem.range, range(2, 0, 2, 11));
  });

  it('points a value out of range at the value', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'training:', '  batchSize: 0'));
    assert.equal(problem.code, 'range');
    assert.equal(problem.message, 'training.batchSize must be ≥ 1 (got 0)');
    assert.deepEqual(problem.range, range(3, 13, 3, 14));
  });

  it('reports exclusive bounds and upper bounds with their own symbols', () => {
    const sigma = onlyProblem(lines('dataset: { type: gaussian-mixture, sigma: 0 }', 'model: { type: gan }'));
    assert.equal(sigma.message, 'dataset.sigma must be > 0 (got 0)');
    assert.deepEqual(sigma.range, range(0, 42, 0, 43));
    const beta = onlyProblem(lines(MINIMAL.trimEnd(), 'training: { beta2: 1 }'));
    assert.equal(beta.message, 'training.beta2 must be < 1 (got 1)');
    const modes = onlyProblem(lines('dataset: { type: gaussian-mixture, modes: 2000 }', 'model: { type: gan }'));
    assert.equal(modes.message, 'dataset.modes must be ≤ 100 (got 2000)');
  });

  it('points a wrong type at the value and says what was found', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'training:', '  batchSize: 2.5'));
    assert.equal(problem.code, 'type');
    assert.equal(problem.message, 'training.batchSize must be a whole number (got 2.5)');
    assert.deepEqual(problem.range, range(3, 13, 3, 16));
  });

  it('does not add enum noise to a value of the wrong type', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'training: { backend: [wasm] }'));
    assert.equal(problem.code, 'type');
    assert.equal(problem.message, 'training.backend must be text (got a list)');
    assert.deepEqual(problem.range, range(2, 21, 2, 27));
  });

  it('points an empty section value at its key', () => {
    const problem = onlyProblem(lines('dataset:', 'model: { type: gan }'));
    assert.equal(problem.message, 'dataset must be a mapping of keys to values (got nothing)');
    assert.deepEqual(problem.range, range(0, 0, 0, 7));
  });

  it('names the allowed values of an enum and suggests the closest', () => {
    const problem = onlyProblem(lines('dataset:', '  type: gaussian-mixture', '  layout: rign', 'model: { type: gan }'));
    assert.equal(problem.code, 'enum');
    assert.equal(problem.message, "dataset.layout must be one of: ring, grid (got 'rign'; did you mean 'ring'?)");
    assert.deepEqual(problem.range, range(2, 10, 2, 14));
  });

  it('rejects model types that do not exist', () => {
    const problem = onlyProblem(lines('dataset: { type: gaussian-mixture }', 'model:', '  type: vea'));
    assert.equal(problem.message, "model.type must be one of: gan, wgan-gp, vae (got 'vea'; did you mean 'vae'?)");
    assert.deepEqual(problem.range, range(2, 8, 2, 11));
  });

  it('points a list item at the item and a bad list length at the list', () => {
    const item = onlyProblem(lines('dataset: { type: gaussian-mixture }', 'model:', '  type: gan', '  generator: { hidden: [128, 0] }'));
    assert.equal(item.message, 'model.generator.hidden[1] must be ≥ 1 (got 0)');
    assert.deepEqual(item.path, ['model', 'generator', 'hidden', 1]);
    assert.deepEqual(item.range, range(3, 29, 3, 30));
    const empty = onlyProblem(lines('dataset: { type: gaussian-mixture }', 'model:', '  type: gan', '  generator: { hidden: [] }'));
    assert.equal(empty.message, 'model.generator.hidden must list at least 1 value(s) (got 0)');
    assert.deepEqual(empty.range, range(3, 23, 3, 25));
  });

  it('points a missing nested key at the key of its parent', () => {
    const problem = onlyProblem(lines('seed: 3', 'dataset:', '  layout: grid', 'model: { type: gan }'));
    assert.equal(problem.code, 'required');
    assert.equal(problem.message, "dataset is missing the required key 'type' (one of: gaussian-mixture, dots, pie, sprites, mnist, image-folder)");
    assert.deepEqual(problem.range, range(1, 0, 1, 7));
    assert.deepEqual(problem.path, ['dataset', 'type']);
  });

  it('points a missing top-level key at the start of the document', () => {
    const problem = onlyProblem(lines('# comment', 'dataset: { type: gaussian-mixture }'));
    assert.equal(problem.message, "missing required key 'model'");
    assert.deepEqual(problem.range, range(0, 0, 0, 0));
  });

  it('reports every error at once, in document order', () => {
    const text = lines('model: { type: gan, latentDim: 0 }', 'seed: -1', 'extra: 1');
    const result = parseConfig(text);
    assert.deepEqual(
      result.problems.map((problem) => [problem.code, problem.range.start.line, problem.range.start.character]),
      [
        ['required', 0, 0],
        ['range', 0, 31],
        ['range', 1, 6],
        ['unknown-key', 2, 0],
      ],
    );
  });
});

describe('parseConfig: document-level problems', () => {
  it('reports a duplicate key at its second occurrence with the line of the first', () => {
    const problem = onlyProblem(lines('seed: 1', 'dataset: { type: gaussian-mixture }', 'model: { type: gan }', 'seed: 2'));
    assert.equal(problem.code, 'duplicate-key');
    assert.equal(problem.message, "duplicate key 'seed' (first defined on line 1)");
    assert.deepEqual(problem.range, range(3, 0, 3, 4));
  });

  it('names the mapping that holds a nested duplicate key', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'training:', '  batchSize: 8', '  beta1: 0.9', '  batchSize: 16'));
    assert.equal(problem.message, "duplicate key 'batchSize' in training (first defined on line 4)");
    assert.deepEqual(problem.path, ['training', 'batchSize']);
    assert.deepEqual(problem.range, range(5, 2, 5, 11));
  });

  it('rejects an empty document, including one with only comments', () => {
    for (const text of ['', '\n\n', '# nothing yet\n', '~\n']) {
      const problem = onlyProblem(text);
      assert.equal(problem.code, 'empty-document');
      assert.match(problem.message, /the config is empty/);
      assert.deepEqual(problem.range, range(0, 0, 0, 0));
    }
  });

  it('rejects a document that is a list or a single value', () => {
    const list = onlyProblem(lines('- dataset', '- model'));
    assert.equal(list.code, 'not-a-mapping');
    assert.match(list.message, /the document is a list/);
    assert.deepEqual(list.range, range(0, 0, 1, 7));
    const scalar = onlyProblem('hello\n');
    assert.match(scalar.message, /the document is a single value/);
    assert.deepEqual(scalar.range, range(0, 0, 0, 5));
  });

  it('reports YAML syntax errors where the parser found them, and nothing else', () => {
    const problem = onlyProblem(lines('dataset:', '\ttype: gaussian-mixture'));
    assert.equal(problem.code, 'yaml-syntax');
    assert.equal(problem.message, 'YAML indentation must use spaces, not tabs');
    assert.deepEqual(problem.range.start, { line: 1, character: 0 });
    const unclosed = parseConfig(lines('model: { type: gan', 'seed: 1'));
    assert.ok(unclosed.problems.length > 0);
    assert.ok(unclosed.problems.every((p) => p.code === 'yaml-syntax'));
    assert.match(unclosed.problems[0]?.message ?? '', /^YAML syntax error: /);
  });

  it('refuses a second YAML document', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), '---', 'seed: 1'));
    assert.equal(problem.code, 'yaml-syntax');
    assert.match(problem.message, /single YAML document/);
    assert.deepEqual(problem.range.start, { line: 2, character: 0 });
  });

  it('turns an alias bomb into a problem instead of exhausting memory', () => {
    const text = lines(
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    );
    const problem = onlyProblem(text);
    assert.equal(problem.code, 'yaml-syntax');
    assert.match(problem.message, /could not be read/);
  });
});

describe('parseConfig: warnings', () => {
  it('warns when no periodic snapshot falls within training, but still gives the config', () => {
    const text = lines(MINIMAL.trimEnd(), 'training: { maxIterations: 50 }', 'snapshot:', '  every: 100');
    const result = parseConfig(text);
    assert.ok(result.config);
    assert.equal(result.problems.length, 1);
    const [warning] = result.problems;
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.code, 'no-snapshot');
    assert.deepEqual(warning?.range, range(4, 9, 4, 12));
  });
});

describe('formatProblem and loadConfigFile', () => {
  it('prints 1-based line and column', () => {
    const problem = onlyProblem(lines(MINIMAL.trimEnd(), 'training:', '  batchSize: 0'));
    assert.equal(formatProblem(problem, 'ring8.genmon.yaml'), 'ring8.genmon.yaml:4:14 error: training.batchSize must be ≥ 1 (got 0)');
  });

  it('reads a file, names the config after it, and throws only for I/O errors', () => {
    const folder = mkdtempSync(join(tmpdir(), 'genmon-config-'));
    try {
      const path = join(folder, 'moons.genmon.yaml');
      writeFileSync(path, MINIMAL);
      const result = loadConfigFile(path);
      assert.equal(result.text, MINIMAL);
      assert.equal(result.config?.name, 'moons');
      assert.throws(() => loadConfigFile(join(folder, 'missing.genmon.yaml')), /ENOENT/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
