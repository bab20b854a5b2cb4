import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, type ConfigProblem } from '../../src/core/config/parse';
import { schemaAtPath } from '../../src/core/config/schemaNode';
import { experimentConfigSchema } from '../../src/core/config/schema';
import { AUCTION_DEFAULTS } from '../../src/trainer/auction/options';
import { modelSpecFromConfig } from '../../src/trainer/modelSpecFromConfig';

const ring = 'dataset: { type: gaussian-mixture }';
const withModel = (model: string): string => `${ring}\nmodel: ${model}\n`;

function problems(text: string): ConfigProblem[] {
  return [...parseConfig(text, 'test.genmon.yaml').problems];
}

function onlyProblem(text: string): ConfigProblem {
  const found = problems(text);
  assert.equal(found.length, 1, JSON.stringify(found, null, 2));
  return found[0] as ConfigProblem;
}

describe('model.players and model.auction in the config', () => {
  it('default to one player and the documented auction settings', () => {
    for (const type of ['gan', 'wgan-gp']) {
      const { config } = parseConfig(withModel(`{ type: ${type} }`));
      assert.ok(config && config.model.type !== 'vae');
      assert.equal(config.model.players, 1);
      assert.deepEqual(config.model.auction, AUCTION_DEFAULTS);
    }
  });

  it('keep what the file sets and fill in the rest of the auction', () => {
    const { config, problems: found } = parseConfig(withModel('{ type: wgan-gp, players: 4, auction: { every: 5, alignment: { weight: 0.5 } } }'));
    assert.deepEqual(found, []);
    assert.ok(config && config.model.type === 'wgan-gp');
    assert.equal(config.model.players, 4);
    assert.deepEqual(config.model.auction, { every: 5, score: AUCTION_DEFAULTS.score, alignment: { ...AUCTION_DEFAULTS.alignment, weight: 0.5 } });
  });

  it('give clear errors for bad values', () => {
    assert.match(onlyProblem(withModel('{ type: gan, players: 0 }')).message, /^model\.players must be ≥ 1/);
    assert.match(onlyProblem(withModel('{ type: gan, players: 2.5 }')).message, /^model\.players must be a whole number \(got 2\.5\)/);
    assert.match(onlyProblem(withModel('{ type: gan, players: 17 }')).message, /^model\.players must be ≤ 16/);
    assert.match(onlyProblem(withModel('{ type: gan, auction: { score: best } }')).message, /^model\.auction\.score must be one of: bids, relative, pair/);
    assert.match(onlyProblem(withModel('{ type: gan, auction: { every: 0 } }')).message, /^model\.auction\.every must be ≥ 1/);
    assert.match(onlyProblem(withModel('{ type: gan, auction: { alignment: { loss: kl } } }')).message, /^model\.auction\.alignment\.loss must be one of: mse, l1/);
    assert.match(onlyProblem(withModel('{ type: gan, auction: { alignment: { weight: 0 } } }')).message, /^model\.auction\.alignment\.weight must be > 0/);
    assert.match(onlyProblem(withModel('{ type: gan, auction: { alignment: { stepz: 2 } } }')).message, /unknown key 'stepz' in model\.auction\.alignment \(did you mean 'steps'\?\)/);
  });

  it('are GAN keys: a VAE has no discriminators to hold an auction with', () => {
    const problem = onlyProblem(withModel('{ type: vae, players: 2 }'));
    assert.equal(problem.code, 'unknown-key');
    assert.match(problem.message, /it applies to types? gan/);
  });

  it('are explained on hover', () => {
    const data = { model: { type: 'gan' } };
    for (const path of [['model', 'players'], ['model', 'auction'], ['model', 'auction', 'every'], ['model', 'auction', 'score'], ['model', 'auction', 'alignment', 'loss'], ['model', 'auction', 'alignment', 'weight'], ['model', 'auction', 'alignment', 'steps']]) {
      const description = schemaAtPath(experimentConfigSchema, path, data)?.description ?? '';
      assert.ok(description.length > 40, `${path.join('.')}: ${description}`);
    }
    assert.match(schemaAtPath(experimentConfigSchema, ['model', 'players'], data)?.description ?? '', /auction/);
  });

  it('more than one player is a spec for each player (genmon train runs them: players-trainer.test.ts)', () => {
    const { config } = parseConfig(withModel('{ type: gan, players: 3 }'));
    assert.ok(config);
    assert.equal(modelSpecFromConfig(config).type, 'gan');
    const single = parseConfig(withModel('{ type: gan, players: 1 }')).config;
    assert.ok(single);
    assert.equal(modelSpecFromConfig(single).type, 'gan');
  });
});
