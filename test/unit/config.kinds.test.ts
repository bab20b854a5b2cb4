import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configFileProblems, loadConfigFile, parseConfig } from '../../src/core/config/parse';
import type { ConfigProblem, SourceRange } from '../../src/core/config/parse';

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;
const range = (line: number, start: number, endLine: number, end: number): SourceRange => ({ start: { line, character: start }, end: { line: endLine, character: end } });

function problemsOf(text: string): ConfigProblem[] {
  return [...parseConfig(text).problems];
}

function onlyProblem(text: string): ConfigProblem {
  const problems = problemsOf(text);
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
  return problems[0] as ConfigProblem;
}

describe('dataset and model kinds: each type has its own keys', () => {
  it('refuses a key of another dataset type at the key, naming the type it belongs to', () => {
    const problem = onlyProblem(lines('dataset:', '  type: pie', '  counts: [2, 4]', 'model: { type: vae }'));
    assert.equal(problem.code, 'unknown-key');
    assert.equal(problem.severity, 'error');
    assert.deepEqual(problem.path, ['dataset', 'counts']);
    assert.deepEqual(problem.range, range(2, 2, 2, 8));
    assert.match(problem.message, /^'counts' is not a key of dataset type 'pie': it applies to type dots \(keys of this type: type, size, radius/);
  });

  it('refuses a key of another model type, and suggests a close key of the right one', () => {
    const critic = onlyProblem(lines('dataset: { type: dots }', 'model: { type: gan, criticIterations: 5 }'));
    assert.deepEqual(critic.range, range(1, 20, 1, 36));
    assert.match(critic.message, /it applies to type wgan-gp/);
    const typo = onlyProblem(lines('dataset: { type: dots }', 'model: { type: vae, klAnealIterations: 5 }'));
    assert.equal(typo.message, "unknown key 'klAnealIterations' in model (did you mean 'klAnnealIterations'?)");
    assert.deepEqual(typo.range, range(1, 20, 1, 37));
  });

  it('reports an unknown type once, at the value, without noise from every kind', () => {
    const problem = onlyProblem(lines('dataset: { type: spirtes, size: 16 }', 'model: { type: gan }'));
    assert.equal(problem.code, 'enum');
    assert.equal(problem.message, "dataset.type must be one of: gaussian-mixture, dots, pie, sprites, mnist, image-folder (got 'spirtes'; did you mean 'sprites'?)");
    assert.deepEqual(problem.range, range(0, 17, 0, 24));
  });

  it('checks values against the chosen kind: radius is a number for a ring and a factor for a pie', () => {
    assert.equal(onlyProblem(lines('dataset: { type: gaussian-mixture, radius: [1, 2] }', 'model: { type: gan }')).message, 'dataset.radius must be a number (got a list)');
    assert.equal(problemsOf(lines('dataset: { type: pie, radius: [0.1, 0.2] }', 'model: { type: gan }')).length, 0);
    const wrongForm = onlyProblem(lines('dataset:', '  type: pie', '  x: middle', 'model: { type: gan }'));
    assert.equal(wrongForm.code, 'type');
    assert.equal(wrongForm.message, "dataset.x must be an interval [low, high] or a mapping { values: [a, b, …] } (got 'middle')");
    assert.deepEqual(wrongForm.range, range(2, 5, 2, 11));
    const outOfRange = onlyProblem(lines('dataset:', '  type: pie', '  x: { values: [0.5, 2] }', 'model: { type: gan }'));
    assert.equal(outOfRange.message, 'dataset.x.values[1] must be ≤ 1 (got 2)');
    assert.deepEqual(outOfRange.range, range(2, 21, 2, 22));
  });

  it('requires the path of an image folder, at the dataset key', () => {
    const problem = onlyProblem(lines('dataset:', '  type: image-folder', 'model: { type: gan }'));
    assert.equal(problem.code, 'required');
    assert.equal(problem.message, "dataset is missing the required key 'path'");
    assert.deepEqual(problem.range, range(0, 0, 0, 7));
  });

  it('takes { csv } or { listAttr } for attributes, and says so otherwise', () => {
    const problem = onlyProblem(lines('dataset: { type: image-folder, path: x, attributes: { tsv: a.tsv } }', 'model: { type: gan }'));
    assert.equal(problem.message, "dataset.attributes must be a mapping { csv: file } or a mapping { listAttr: file } (got a mapping)");
    assert.deepEqual(problem.range, range(0, 52, 0, 66));
  });

  it('refuses image sizes above 64 at the value', () => {
    const problem = onlyProblem(lines('dataset: { type: sprites, size: 128 }', 'model: { type: gan }'));
    assert.equal(problem.message, 'dataset.size must be ≤ 64 (got 128)');
    assert.deepEqual(problem.range, range(0, 32, 0, 35));
  });
});

describe('settings that do not work together', () => {
  it('reports what the dataset itself refuses at the key it is about', () => {
    const duplicate = onlyProblem(lines('dataset:', '  type: mnist', '  digits: [1, 1]', 'model: { type: vae }'));
    assert.equal(duplicate.code, 'dataset');
    assert.equal(duplicate.severity, 'error');
    assert.equal(duplicate.message, 'dataset: digits lists a value twice: [1, 1]');
    assert.deepEqual(duplicate.range, range(2, 10, 2, 16));
    const [leaves, ...more] = problemsOf(lines('dataset: { type: pie, radius: [0.3, 0.4] }', 'model: { type: vae }'));
    assert.ok(leaves);
    assert.equal(more.length, 1, 'x and y both leave the image');
    assert.match(leaves.message, /^dataset: a pie of radius 0\.4 at x in \[0\.35, 0\.65\] leaves the image/);
    assert.deepEqual(leaves.path, ['dataset', 'type']);
    assert.equal(parseConfig(lines('dataset: { type: pie, radius: [0.3, 0.4] }', 'model: { type: vae }')).config, undefined, 'an error: nothing to train');
  });

  it('refuses conv on points and on odd image sides, and warns about an MLP on images', () => {
    const convPoints = onlyProblem(lines('dataset: { type: gaussian-mixture }', 'model: { type: gan, architecture: conv }'));
    assert.equal(convPoints.code, 'architecture');
    assert.equal(convPoints.severity, 'error');
    assert.deepEqual(convPoints.range, range(1, 34, 1, 38));
    const odd = onlyProblem(lines('dataset: { type: dots, size: 27 }', 'model: { type: gan }'));
    assert.equal(odd.message, 'architecture conv halves the image at least once, so it needs an even image side (got 27)');
    assert.deepEqual(odd.range, range(0, 29, 0, 31));
    const result = parseConfig(lines('dataset: { type: mnist }', 'model: { type: vae, architecture: mlp }'));
    assert.ok(result.config, 'a warning does not stop a run');
    assert.equal(result.problems[0]?.severity, 'warning');
    assert.deepEqual(result.problems[0]?.range, range(1, 34, 1, 37));
  });

  it('refuses a Bernoulli decoder on points, whose values leave [0, 1]', () => {
    const problem = onlyProblem(lines('dataset: { type: gaussian-mixture }', 'model: { type: vae, decoder: bernoulli }'));
    assert.equal(problem.code, 'architecture');
    assert.deepEqual(problem.range, range(1, 29, 1, 38));
  });

  it('warns about keys the architecture ignores, unless they hold their defaults', () => {
    const problem = onlyProblem(lines('dataset: { type: gaussian-mixture }', 'model: { type: gan, baseChannels: 64 }'));
    assert.equal(problem.code, 'ignored-key');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.message, 'model.baseChannels is ignored: it applies to architecture conv and the architecture is mlp');
    assert.deepEqual(problem.range, range(1, 20, 1, 32));
    assert.deepEqual(problemsOf(lines('dataset: { type: gaussian-mixture }', 'model: { type: gan, baseChannels: 32 }')), []);
    assert.equal(onlyProblem(lines('dataset: { type: dots }', 'model: { type: gan, generator: { hidden: [8] } }')).code, 'ignored-key');
  });
});

describe('defaults that depend on other keys', () => {
  it('picks the architecture, latent size and batch size from the kind of data', () => {
    const points = parseConfig(lines('dataset: { type: gaussian-mixture }', 'model: { type: gan }')).config;
    const images = parseConfig(lines('dataset: { type: sprites }', 'model: { type: gan }')).config;
    assert.deepEqual([points?.model.architecture, points?.model.latentDim, points?.training.batchSize], ['mlp', 8, 256]);
    assert.deepEqual([images?.model.architecture, images?.model.latentDim, images?.training.batchSize], ['conv', 32, 64]);
  });

  it("uses each model type's optimiser settings: β₂ = 0.9 for WGAN-GP unless written", () => {
    const wgan = parseConfig(lines('dataset: { type: dots }', 'model: { type: wgan-gp }')).config;
    assert.deepEqual(wgan?.training && [wgan.training.learningRate, wgan.training.beta1, wgan.training.beta2], [0.0001, 0.5, 0.9]);
    const written = parseConfig(lines('dataset: { type: dots }', 'model: { type: wgan-gp }', 'training: { beta2: 0.99 }')).config;
    assert.equal(written?.training.beta2, 0.99);
    const vae = parseConfig(lines('dataset: { type: dots }', 'model: { type: vae }')).config;
    assert.deepEqual(vae?.training && [vae.training.learningRate, vae.training.beta1, vae.training.beta2], [0.001, 0.9, 0.999]);
  });

  it("gives each GAN network model.hidden unless it sets its own, and a VAE the decoder its data needs", () => {
    const gan = parseConfig(lines('dataset: { type: gaussian-mixture }', 'model: { type: gan, hidden: [32], discriminator: { hidden: [16, 16] } }')).config;
    assert.ok(gan?.model.type === 'gan');
    assert.deepEqual(gan.model.generator.hidden, [32]);
    assert.deepEqual(gan.model.discriminator.hidden, [16, 16]);
    const points = parseConfig(lines('dataset: { type: gaussian-mixture }', 'model: { type: vae }')).config;
    const images = parseConfig(lines('dataset: { type: mnist }', 'model: { type: vae }')).config;
    assert.ok(points?.model.type === 'vae' && images?.model.type === 'vae');
    assert.equal(points.model.decoder, 'gaussian');
    assert.equal(images.model.decoder, 'bernoulli');
  });
});

describe('files a config names', () => {
  it('warns at the value when an image folder or attributes file does not exist, relative to the config', () => {
    const folder = mkdtempSync(join(tmpdir(), 'genmon-files-'));
    try {
      const text = lines('dataset:', '  type: image-folder', '  path: pictures', '  attributes: { csv: labels.csv }', 'model: { type: gan }');
      const configPath = join(folder, 'mine.genmon.yaml');
      writeFileSync(configPath, text);
      const loaded = loadConfigFile(configPath);
      assert.ok(loaded.config, 'missing files are warnings: the trainer reports them again when it starts');
      assert.deepEqual(
        loaded.problems.map((problem) => [problem.code, problem.severity, problem.range, problem.message]),
        [
          ['missing-file', 'warning', range(2, 8, 2, 16), `no such folder: ${join(folder, 'pictures')}`],
          ['missing-file', 'warning', range(3, 21, 3, 31), `no such file: ${join(folder, 'labels.csv')}`],
        ],
      );
      mkdirSync(join(folder, 'pictures'));
      writeFileSync(join(folder, 'labels.csv'), 'file,x\n');
      assert.deepEqual(configFileProblems(text, loaded.config, configPath), []);
      assert.deepEqual(parseConfig(text, configPath).problems, [], 'parseConfig itself never touches the disk');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
