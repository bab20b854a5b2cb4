/**
 * Everything one run computes with: the dataset, the model, the fixed sets every snapshot shows
 * (the same real samples and the same latent vectors each time, so the panel can show points
 * moving rather than being re-drawn), and the losses and gradient norms since the last snapshot.
 * Works for every dataset and model: the model says which losses and networks it has.
 */
import type { ExperimentConfig } from '../core/config/types';
import type { NumericArray, SnapshotRecord } from '../protocol/stream';
import { applyAugment, type AugmentOutcome, type AugmentRequest } from './augment/applyAugment';
import { AugmentedDataset } from './augment/augmentedDataset';
import type { AttributeGroup } from './augment/attributeGroup';
import { restoreAugments, saveAugments } from './augment/augmentState';
import { synthesizeGroup } from './augment/synthesize';
import { requireArray, requireValue, StateMismatchError, type SavedState, type StateArray } from './checkpoint/savedState';
import { createDataset, type DatasetLocations } from './datasets/createDataset';
import { sampleLength, type LabelledBatch } from './datasets/dataset';
import type { Evaluator } from './evaluator/evaluator';
import type { EvaluatorRunOptions } from './evaluator/options';
import { createModel } from './models/createModel';
import type { GenerativeModel } from './models/model';
import { modelSpecFromConfig } from './modelSpecFromConfig';
import { createRandom, isRandomState, type ResumableRandom } from './random';
import { prepareSampling, type SampleDrawing, type SampleRequest } from './sampling/drawSampleSets';
import type { SnapshotEvaluation } from './snapshot/evaluatorArrays';
import { prepareSnapshotEvaluation } from './snapshot/prepareSnapshotEvaluation';
import { discriminateReal, encodeReal, generateFromBank } from './snapshot/modelOutputs';
import { countNonFinite, NON_FINITE_WEIGHTS_METRIC } from './snapshot/nonFiniteWeights';
import { SnapshotProbes } from './snapshot/probeArrays';
import { sampleArrays } from './snapshot/sampleArrays';
import type { Tf } from './tf';

function float32(data: Float32Array, shape: number[]): NumericArray {
  return { dtype: 'float32', shape, data };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The name under which a network's gradient norms appear in snapshots (arrays and metrics). */
export function gradientNormName(network: string): string {
  return `gradientNorm.${network}`;
}

export class TrainingSession {
  /** The training data with the control channel's augments (src/trainer/augment); the dataset itself until the first. */
  private readonly dataset: AugmentedDataset;
  /** What a relative augment folder resolves against. */
  private readonly baseDirectory: string;
  private readonly model: GenerativeModel;
  /** The model's training noise: its state is part of a checkpoint. */
  private readonly noise: ResumableRandom;
  private readonly reference: LabelledBatch;
  private readonly referenceReal: Float32Array;
  /** `snapshot.realSamples`, or fewer when a stored dataset has fewer training images. */
  private readonly realCount: number;
  private readonly latentBank: Float32Array;
  /** Per-iteration values since the last snapshot, by series name: the model's losses, then its gradient norms. */
  private pending: Map<string, number[]>;
  private lastSnapshot: { readonly iteration: number; readonly time: number } | undefined;
  private iterationsDone = 0;
  private learningRate: number;
  private evaluator: Evaluator | undefined;
  private evaluation: SnapshotEvaluation | undefined;
  /** Probe datasets only (dots, pie): the real set's measurements, taken once. */
  private readonly probes: SnapshotProbes | undefined;

  constructor(
    private readonly tf: Tf,
    private readonly config: ExperimentConfig,
    private readonly startTime: number,
    locations: DatasetLocations = {},
  ) {
    const { seed, snapshot } = config;
    // One named random stream per purpose: changing, say, the latent bank's size leaves the
    // training data and noise of a seed unchanged.
    this.dataset = new AugmentedDataset(createDataset(config.dataset, seed, locations), seed);
    this.baseDirectory = locations.baseDirectory ?? process.cwd();
    this.noise = createRandom(seed, 'noise');
    const range = this.dataset.kind === 'image' ? 'unit' : 'unbounded';
    this.model = createModel(tf, modelSpecFromConfig(config), { sampleShape: this.dataset.shape, range }, seed, this.noise);
    const reference = this.dataset.reference(snapshot.realSamples);
    this.reference = reference;
    this.referenceReal = reference.data;
    this.realCount = reference.count;
    this.probes = SnapshotProbes.create(config.dataset, this.dataset.shape, reference);
    this.latentBank = createRandom(seed, 'latent-bank').normals(snapshot.generatedSamples * this.model.latentDim);
    this.pending = this.emptySeries();
    this.learningRate = config.training.learningRate;
  }

  /** The model's loss names, in its order (progress lines print them). */
  get lossNames(): readonly string[] {
    return this.model.lossNames;
  }

  /** Every per-iteration series a snapshot holds: the losses, then one gradient norm per network. */
  get seriesNames(): readonly string[] {
    return [...this.model.lossNames, ...this.model.networkNames.map(gradientNormName)];
  }

  /**
   * Trains (or loads from `options.cacheFolder`) the evaluator of this run's dataset and adds its
   * arrays to every later snapshot; the real reference set and up to `snapshot.realSamples`
   * held-out samples are evaluated here, once. Call before the first step: training the evaluator
   * draws from the dataset but restores its position.
   */
  async prepareEvaluator(options: EvaluatorRunOptions): Promise<Evaluator> {
    if (this.evaluator) throw new Error('the evaluator is already prepared');
    const { evaluator, evaluation } = await prepareSnapshotEvaluation(this.tf, this.dataset.base, this.config.dataset, this.reference, this.config.snapshot.realSamples, options);
    this.evaluation = evaluation;
    this.evaluator = evaluator;
    return evaluator;
  }

  /** One training iteration; records its losses and gradient norms for the next snapshot. */
  step(): void {
    const { batchSize } = this.config.training;
    const batches = Array.from({ length: this.model.realBatchesPerStep }, () => this.dataset.sample(batchSize).data);
    const report = this.model.step(batches);
    for (const name of this.model.lossNames) this.series(name).push(report.losses[name] ?? Number.NaN);
    for (const network of this.model.networkNames) this.series(gradientNormName(network)).push(report.gradientNorms[network] ?? Number.NaN);
    this.iterationsDone++;
  }

  /** Iterations completed so far. */
  get completedIterations(): number {
    return this.iterationsDone;
  }

  /** A snapshot after `iteration` iterations (docs/stream-format.md lists its arrays); starts a new window. */
  snapshot(iteration: number, time: number): SnapshotRecord {
    const { tf, model } = this;
    const { realCount: realSamples } = this;
    const { generatedSamples } = this.config.snapshot;
    const metrics: Record<string, number> = { elapsedSeconds: (time - this.startTime) / 1000 };
    metrics[NON_FINITE_WEIGHTS_METRIC] = countNonFinite(tf, model.variables.map(({ variable }) => variable));
    const arrays: Record<string, NumericArray> = {};
    for (const [name, values] of this.pending) {
      if (values.length > 0) metrics[name] = mean(values);
      arrays[name] = float32(Float32Array.from(values), [values.length]);
    }
    if (this.lastSnapshot && iteration > this.lastSnapshot.iteration) {
      const seconds = Math.max(1e-3, (time - this.lastSnapshot.time) / 1000);
      metrics.stepsPerSecond = (iteration - this.lastSnapshot.iteration) / seconds;
    }

    const generated = generateFromBank(tf, model, this.latentBank, generatedSamples);
    Object.assign(arrays, this.sampleArrays('real', this.referenceReal, realSamples), this.sampleArrays('generated', generated.samples, generatedSamples));
    arrays.latent = float32(this.latentBank, [generatedSamples, model.latentDim]);
    const discriminatorReal = discriminateReal(tf, model, this.referenceReal, realSamples);
    if (discriminatorReal && generated.discriminator) {
      arrays.discriminatorReal = float32(discriminatorReal, [realSamples]);
      arrays.discriminatorGenerated = float32(generated.discriminator, [generatedSamples]);
    }
    if (this.evaluation) Object.assign(arrays, this.evaluation.arrays(generated.samples, generatedSamples));
    if (this.probes) Object.assign(arrays, this.probes.arrays(generated.samples, generatedSamples));
    const latentReal = encodeReal(tf, model, this.referenceReal, realSamples);
    if (latentReal) arrays.latentReal = float32(latentReal, [realSamples, model.latentDim]);

    this.pending = this.emptySeries();
    this.lastSnapshot = { iteration, time };
    return { type: 'snapshot', iteration, time, metrics, arrays };
  }

  /**
   * Carries out an augment (docs/control-channel.md, `augment`) from the next step; throws an
   * AugmentError, changing nothing, when it cannot.
   */
  augment(request: AugmentRequest): AugmentOutcome {
    const { evaluator } = this;
    // Synthesis picks the group's samples by the evaluator's predictions: without one it is not offered.
    const synthesize = evaluator
      ? (group: AttributeGroup, count: number, iteration: number) => synthesizeGroup({ tf: this.tf, generator: this.model, evaluator, seed: this.config.seed }, group, count, iteration)
      : undefined;
    return applyAugment(request, { dataset: this.dataset, iteration: this.iterationsDone, baseDirectory: this.baseDirectory, ...(synthesize ? { synthesize } : {}) });
  }

  /**
   * Checks a `sample` request (docs/control-channel.md, "Sampling"), throwing a SampleError when it
   * cannot be carried out, and returns the drawing to run between two steps; it changes no state.
   */
  sample(request: SampleRequest): SampleDrawing {
    const { projectionImageSize, thumbnails: thumbnailCount, thumbnailSize } = this.config.snapshot;
    const form = { kind: this.dataset.kind, shape: this.dataset.shape, projectionImageSize, thumbnails: thumbnailCount, thumbnailSize };
    return prepareSampling({ tf: this.tf, model: this.model, evaluator: this.evaluator, form, seed: this.config.seed }, request);
  }

  /** Applies from the next step. */
  setLearningRate(learningRate: number): void {
    this.model.setLearningRate(learningRate);
    this.learningRate = learningRate;
  }

  /**
   * Everything the next steps depend on: the model's variables (weights, optimiser state), the
   * noise stream's and the dataset's positions, the learning rate, the iteration, and the series
   * not yet written in a snapshot. The fixed snapshot sets are not saved: they are re-drawn from
   * the seed, identically.
   */
  saveState(): SavedState {
    const arrays: Record<string, StateArray> = {};
    for (const { name, variable } of this.model.variables) {
      arrays[`variable.${name}`] = { shape: [...variable.shape], data: Float32Array.from(variable.dataSync() as Float32Array) };
    }
    for (const [name, values] of this.pending) arrays[`pending.${name}`] = { shape: [values.length], data: Float32Array.from(values) };
    const augments = saveAugments(this.dataset.applied, sampleLength(this.dataset.shape), this.dataset.attributes.length);
    return {
      arrays: { ...arrays, ...augments.arrays },
      values: {
        iteration: this.iterationsDone,
        learningRate: this.learningRate,
        'random.noise': this.noise.getState(),
        'dataset.position': this.dataset.getPosition(),
        ...augments.values,
      },
    };
  }

  /** Continues from a saved state; throws StateMismatchError, changing nothing, when it does not fit this session's config. */
  restoreState(state: SavedState): void {
    const { tf } = this;
    const iteration = requireValue(state, 'iteration');
    if (!Number.isSafeInteger(iteration) || (iteration as number) < 0) throw new StateMismatchError('"iteration" is not a whole number ≥ 0');
    const learningRate = requireValue(state, 'learningRate');
    if (typeof learningRate !== 'number' || !(learningRate > 0)) throw new StateMismatchError('"learningRate" is not a number > 0');
    const noiseState = requireValue(state, 'random.noise');
    if (!isRandomState(noiseState)) throw new StateMismatchError('"random.noise" is not a random generator state');
    const position = requireValue(state, 'dataset.position');
    const augments = restoreAugments(state, sampleLength(this.dataset.shape), this.dataset.attributes);
    const values = this.model.variables.map(({ name, variable }) => requireArray(state, `variable.${name}`, variable.shape));
    const pending = new Map<string, number[]>();
    for (const name of this.seriesNames) {
      const length = state.arrays[`pending.${name}`]?.data.length ?? 0;
      pending.set(name, Array.from(requireArray(state, `pending.${name}`, [length])));
    }
    try {
      this.dataset.restore(augments, position);
    } catch (error) {
      throw new StateMismatchError(error instanceof Error ? error.message : String(error));
    }
    tf.tidy(() => this.model.variables.forEach(({ variable }, i) => variable.assign(tf.tensor(values[i] as Float32Array, variable.shape))));
    this.noise.setState(noiseState);
    this.setLearningRate(learningRate);
    this.pending = pending;
    this.iterationsDone = iteration as number;
  }

  dispose(): void {
    this.model.dispose();
    this.evaluator?.dispose();
  }

  private sampleArrays(name: 'real' | 'generated', samples: Float32Array, rows: number): Record<string, NumericArray> {
    return sampleArrays({ kind: this.dataset.kind, shape: this.dataset.shape, snapshot: this.config.snapshot }, name, samples, rows);
  }

  private emptySeries(): Map<string, number[]> {
    return new Map(this.seriesNames.map((name) => [name, []]));
  }

  private series(name: string): number[] {
    const values = this.pending.get(name);
    if (values === undefined) throw new Error(`no series named ${name}`);
    return values;
  }
}
