/**
 * Everything one GAN run computes with: the model, the seeded data and noise, the fixed reference
 * sets every snapshot shows (the same real points and the same latent vectors each time, so the
 * panel can show points moving rather than being re-drawn), and the losses since the last snapshot.
 */
import type { ExperimentConfig } from '../core/config/types';
import type { NumericArray, SnapshotRecord } from '../protocol/stream';
import { mergeStates, requireArray, requireValue, StateMismatchError, type SavedState } from './checkpoint/savedState';
import { Gan } from './ganModel';
import { GaussianMixtureSampler } from './gaussianMixture';
import { createRandom, isRandomState, type ResumableRandom } from './random';
import type { Tensor, Tf } from './tf';

function float32(data: Float32Array, shape: number[]): NumericArray {
  return { dtype: 'float32', shape, data };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export class TrainingSession {
  private readonly gan: Gan;
  private readonly data: GaussianMixtureSampler;
  /** The data sampler's random stream: its state is the sampler's position. */
  private readonly dataRandom: ResumableRandom;
  private readonly noise: ResumableRandom;
  private readonly referenceReal: Float32Array;
  private readonly latentBankValues: Float32Array;
  private readonly latentBank: Tensor;
  private lossD: number[] = [];
  private lossG: number[] = [];
  private lastSnapshot: { readonly iteration: number; readonly time: number } | undefined;
  private iterationsDone = 0;

  constructor(
    tf: Tf,
    private readonly config: ExperimentConfig,
    private readonly startTime: number,
  ) {
    const { seed, model, snapshot } = config;
    // One named random stream per purpose: changing, say, the reference set's size leaves the
    // training data and noise of a seed unchanged.
    this.gan = new Gan(tf, model, config.training, createRandom(seed, 'init'));
    this.dataRandom = createRandom(seed, 'data');
    this.data = new GaussianMixtureSampler(config.dataset, this.dataRandom);
    this.noise = createRandom(seed, 'noise');
    this.referenceReal = new GaussianMixtureSampler(config.dataset, createRandom(seed, 'reference-real')).sample(snapshot.realSamples);
    this.latentBankValues = createRandom(seed, 'latent-bank').normals(snapshot.generatedSamples * model.latentDim);
    this.latentBank = tf.tensor2d(this.latentBankValues, [snapshot.generatedSamples, model.latentDim]);
  }

  /** One training iteration; records its losses for the next snapshot. */
  step(): void {
    const batch = this.config.training.batchSize;
    const latentSize = batch * this.config.model.latentDim;
    const losses = this.gan.step({ real: this.data.sample(batch), latentForD: this.noise.normals(latentSize), latentForG: this.noise.normals(latentSize) });
    this.lossD.push(losses.lossD);
    this.lossG.push(losses.lossG);
    this.iterationsDone++;
  }

  /** Iterations completed so far. */
  get completedIterations(): number {
    return this.iterationsDone;
  }

  /** A snapshot after `iteration` iterations; starts a new loss window. */
  snapshot(iteration: number, time: number): SnapshotRecord {
    const { snapshot, model } = this.config;
    const metrics: Record<string, number> = { elapsedSeconds: (time - this.startTime) / 1000 };
    if (this.lossD.length > 0) {
      metrics.lossD = mean(this.lossD);
      metrics.lossG = mean(this.lossG);
    }
    if (this.lastSnapshot && iteration > this.lastSnapshot.iteration) {
      const seconds = Math.max(1e-3, (time - this.lastSnapshot.time) / 1000);
      metrics.stepsPerSecond = (iteration - this.lastSnapshot.iteration) / seconds;
    }
    const record: SnapshotRecord = {
      type: 'snapshot',
      iteration,
      time,
      metrics,
      arrays: {
        real: float32(this.referenceReal, [snapshot.realSamples, 2]),
        generated: float32(this.gan.generate(this.latentBank), [snapshot.generatedSamples, 2]),
        latent: float32(this.latentBankValues, [snapshot.generatedSamples, model.latentDim]),
        lossD: float32(Float32Array.from(this.lossD), [this.lossD.length]),
        lossG: float32(Float32Array.from(this.lossG), [this.lossG.length]),
      },
    };
    this.lossD = [];
    this.lossG = [];
    this.lastSnapshot = { iteration, time };
    return record;
  }

  /** Applies from the next step. */
  setLearningRate(learningRate: number): void {
    this.gan.setLearningRate(learningRate);
  }

  /**
   * Everything the next steps depend on: weights, optimizer state, the data and noise streams'
   * positions, the iteration, and the losses not yet written in a snapshot. The reference sets
   * and the latent bank are not saved: they are re-drawn from the seed, identically.
   */
  saveState(): SavedState {
    const window = (values: readonly number[]) => ({ shape: [values.length], data: Float32Array.from(values) });
    return mergeStates(this.gan.saveState(), {
      arrays: { 'pending.lossD': window(this.lossD), 'pending.lossG': window(this.lossG) },
      values: { iteration: this.iterationsDone, 'random.data': this.dataRandom.getState(), 'random.noise': this.noise.getState() },
    });
  }

  /** Continues from a saved state; throws StateMismatchError when it does not fit this session's config. */
  restoreState(state: SavedState): void {
    const iteration = requireValue(state, 'iteration');
    if (!Number.isSafeInteger(iteration) || (iteration as number) < 0) throw new StateMismatchError('"iteration" is not a whole number ≥ 0');
    const randomState = (name: string) => {
      const value = requireValue(state, name);
      if (!isRandomState(value)) throw new StateMismatchError(`"${name}" is not a random generator state`);
      return value;
    };
    const dataState = randomState('random.data');
    const noiseState = randomState('random.noise');
    const pending = (name: string): number[] => {
      const array = state.arrays[name];
      return Array.from(requireArray(state, name, [array?.data.length ?? 0]));
    };
    const lossD = pending('pending.lossD');
    const lossG = pending('pending.lossG');
    this.gan.restoreState(state);
    this.dataRandom.setState(dataState);
    this.noise.setState(noiseState);
    this.lossD = lossD;
    this.lossG = lossG;
    this.iterationsDone = iteration as number;
  }

  dispose(): void {
    this.gan.dispose();
    this.latentBank.dispose();
  }
}
