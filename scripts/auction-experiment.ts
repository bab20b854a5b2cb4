/**
 * Reproduces the comparison of "The Bid Picture" (Shim, Choe & Kim 2024) on the 8-Gaussian ring:
 * N players trained with the auction against the same N players trained independently (same
 * seeds, data and number of ordinary steps), for a GAN and a WGAN-GP. Prints a markdown table of
 * the mean and worst player's log-likelihood of generated points under the true mixture.
 *
 *   npx tsx scripts/auction-experiment.ts [--seeds 5] [--iterations N] [--players 4]
 *                                         [--models gan,wgan-gp] [--backend wasm|cpu] [--quick]
 *                                         [--score relative|bids|pair] [--alignment-samples own|reference]
 *
 * docs/experiments.md records the table and how long the default run takes.
 */
import { AuctionTrainer, type PlayerMode } from '../src/trainer/auction/auctionTrainer';
import { conditionRow, markdownTable, summariseRun, type ConditionRow, type PlayerResult, type RunSummary } from '../src/trainer/auction/experimentSummary';
import { mixtureBatchSource } from '../src/trainer/auction/mixtureBatches';
import { ALIGNMENT_SAMPLES, AUCTION_DEFAULTS, AUCTION_SCORES, type AuctionOptions } from '../src/trainer/auction/options';
import { selectBackend } from '../src/trainer/backend';
import { modeCentres } from '../src/trainer/gaussianMixture';
import { withModelDefaults, type ModelSpec } from '../src/trainer/models/spec';
import { createRandom } from '../src/trainer/random';
import type { Tf } from '../src/trainer/tf';
import { mixtureMeasures } from '../src/core/metrics/mixtureMeasures';
import type { GaussianMixtureDataset } from '../src/core/config/types';

type ModelName = 'gan' | 'wgan-gp';

/** genmon's ring8 example: 8 modes on a circle of radius 2, σ = 0.05 (the paper's radius and σ are not known). */
const RING: GaussianMixtureDataset = { type: 'gaussian-mixture', layout: 'ring', modes: 8, radius: 2, sigma: 0.05 };
const BATCH_SIZE = 128;
const EVALUATION_POINTS = 2048;

/**
 * Small MLPs and raised learning rates so that 5 seeds × 2 modes × N players fit in minutes on
 * one CPU core; WGAN-GP takes 2 critic steps per generator step instead of 5 for the same reason.
 */
const MODELS: Readonly<Record<ModelName, { spec: ModelSpec; iterations: number }>> = {
  gan: { spec: withModelDefaults({ type: 'gan', latentDim: 2, hidden: [64, 64], optimizer: { learningRate: 1e-3 } }), iterations: 600 },
  'wgan-gp': { spec: withModelDefaults({ type: 'wgan-gp', latentDim: 2, hidden: [64, 64], criticIterations: 2, optimizer: { learningRate: 1e-3 } }), iterations: 250 },
};

interface Arguments {
  readonly seeds: number;
  readonly iterations: number | undefined;
  readonly players: number;
  readonly models: readonly ModelName[];
  readonly backend: 'wasm' | 'cpu';
  readonly auction: AuctionOptions;
}

function parseArguments(argv: readonly string[]): Arguments {
  const quick = argv.includes('--quick');
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    if (index < 0) return undefined;
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
    return next;
  };
  const integer = (flag: string, fallback: number | undefined, low: number): number | undefined => {
    const text = value(flag);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < low) throw new Error(`${flag} must be an integer ≥ ${low}, got '${text}'`);
    return parsed;
  };
  const models = (value('--models') ?? 'gan,wgan-gp').split(',');
  const unknown = models.filter((model) => !(model in MODELS));
  if (unknown.length > 0) throw new Error(`--models takes gan and/or wgan-gp, got '${unknown.join(', ')}'`);
  const backend = value('--backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu, got '${backend}'`);
  const score = value('--score') ?? AUCTION_DEFAULTS.score;
  if (!(AUCTION_SCORES as readonly string[]).includes(score)) throw new Error(`--score takes ${AUCTION_SCORES.join(', ')}, got '${score}'`);
  const samples = value('--alignment-samples') ?? AUCTION_DEFAULTS.alignment.samples;
  if (!(ALIGNMENT_SAMPLES as readonly string[]).includes(samples)) throw new Error(`--alignment-samples takes ${ALIGNMENT_SAMPLES.join(', ')}, got '${samples}'`);
  const auction = { ...AUCTION_DEFAULTS, score, alignment: { ...AUCTION_DEFAULTS.alignment, samples } } as AuctionOptions;
  return {
    auction,
    seeds: integer('--seeds', quick ? 2 : 5, 1) as number,
    iterations: integer('--iterations', quick ? 40 : undefined, 1),
    players: integer('--players', 4, 2) as number,
    models: models as ModelName[],
    backend,
  };
}

function evaluatePlayers(tf: Tf, trainer: AuctionTrainer, seed: number): PlayerResult[] {
  const centres = modeCentres(RING);
  const latentDim = trainer.players[0]?.latentDim ?? 0;
  // One fixed latent bank per seed, the same for every player and both modes.
  const latent = tf.tensor2d(createRandom(seed, 'evaluation').normals(EVALUATION_POINTS * latentDim), [EVALUATION_POINTS, latentDim]);
  try {
    return trainer.players.map((player) => {
      const generated = player.generate(latent);
      const points = generated.dataSync() as Float32Array;
      generated.dispose();
      const measures = mixtureMeasures({ points, centres, sigma: RING.sigma });
      return { logLikelihood: measures.meanLogLikelihood ?? Number.NEGATIVE_INFINITY, modesCovered: measures.modesCovered };
    });
  } finally {
    latent.dispose();
  }
}

function trainRun(tf: Tf, model: ModelName, mode: PlayerMode, seed: number, args: Arguments): RunSummary {
  const { spec, iterations } = MODELS[model];
  const trainer = AuctionTrainer.create(tf, spec, { sampleShape: [2], range: 'unbounded' }, seed, args.players, { mode, auction: args.auction, batchSize: BATCH_SIZE }, mixtureBatchSource(RING, seed, BATCH_SIZE));
  try {
    const total = args.iterations ?? iterations;
    for (let i = 0; i < total; i++) trainer.iterate();
    return summariseRun(evaluatePlayers(tf, trainer, seed));
  } finally {
    trainer.dispose();
  }
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const { tf, backend, reason } = await selectBackend({ requested: args.backend, requestedBy: '--backend' });
  const started = performance.now();
  console.error(`backend ${backend} (${reason}); ${args.players} players, ${args.seeds} seeds, auction ${JSON.stringify(args.auction)}`);
  const rows: ConditionRow[] = [];
  for (const model of args.models) {
    for (const mode of ['independent', 'auction'] as const) {
      const runs: RunSummary[] = [];
      for (let seed = 1; seed <= args.seeds; seed++) {
        const run = trainRun(tf, model, mode, seed, args);
        runs.push(run);
        const seconds = ((performance.now() - started) / 1000).toFixed(0);
        console.error(`${model} ${mode} seed ${seed}: mean LL ${run.meanLogLikelihood.toFixed(3)}, worst ${run.worstLogLikelihood.toFixed(3)}, modes ${run.meanModesCovered.toFixed(2)} (${seconds} s)`);
      }
      rows.push(conditionRow(model, mode, runs));
    }
  }
  const iterations = args.models.map((model) => `${model} ${args.iterations ?? MODELS[model].iterations}`).join(', ');
  console.log(`${args.players} players, iterations: ${iterations}, batch ${BATCH_SIZE}, backend ${backend}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(markdownTable(rows));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
