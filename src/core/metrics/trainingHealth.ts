/**
 * Training health from what a snapshot carries: the losses since the previous snapshot, gradient
 * norms, whether the weights are finite, and the generated samples of this and the previous
 * snapshot (same latent rows). Values only; the alert rules decide what is unhealthy.
 */
import { countNonFinite, mean, median } from './statistics';

export interface TrainingHealthInput {
  readonly lossD?: ArrayLike<number>;
  readonly lossG?: ArrayLike<number>;
  /** Gradient norms since the previous snapshot, by network ('generator', 'discriminator', …). */
  readonly gradientNorms?: Readonly<Record<string, ArrayLike<number>>>;
  /** Number of non-finite weights, when the trainer checked. */
  readonly nonFiniteWeights?: number;
  /**
   * The objective, for the discriminator-collapse reading: a standard ('gan') discriminator loss near 0
   * means the discriminator wins; a critic's loss ('wgan') has no such floor.
   */
  readonly objective?: 'gan' | 'wgan' | 'vae';
  /** Generated samples (or their features) now and at the previous snapshot, same rows, row-major. */
  readonly generated?: Float32Array;
  readonly previousGenerated?: Float32Array;
  readonly generatedDim?: number;
}

export interface TrainingHealth {
  readonly nonFiniteLosses: number;
  readonly nonFiniteWeights: number | null;
  /** Mean discriminator loss over the interval (finite values); null without losses. */
  readonly discriminatorLoss: number | null;
  readonly generatorLoss: number | null;
  /** Whether discriminatorLoss can be read as "0 = the discriminator wins". */
  readonly discriminatorLossHasFloor: boolean;
  /** Largest gradient norm of any network in the interval, and the median of all. */
  readonly gradientNormMax: number | null;
  readonly gradientNormMedian: number | null;
  readonly nonFiniteGradients: number;
  /**
   * Mean distance each generated row moved since the previous snapshot, divided by the mean
   * distance of the rows to their centroid: ~0 when the generator stopped changing. Null without
   * a previous snapshot.
   */
  readonly generatorChange: number | null;
}

export function trainingHealth(input: TrainingHealthInput): TrainingHealth {
  const lossD = input.lossD ?? [];
  const lossG = input.lossG ?? [];
  const finiteD = Array.from(lossD).filter(Number.isFinite);
  const finiteG = Array.from(lossG).filter(Number.isFinite);
  const norms: number[] = [];
  let nonFiniteGradients = 0;
  for (const values of Object.values(input.gradientNorms ?? {})) {
    nonFiniteGradients += countNonFinite(values);
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) norms.push(values[i] as number);
  }
  const hasFloor = input.objective === 'gan' || (input.objective === undefined && finiteD.length > 0 && finiteD.every((v) => v >= 0));
  return {
    nonFiniteLosses: countNonFinite(lossD) + countNonFinite(lossG),
    nonFiniteWeights: input.nonFiniteWeights ?? null,
    discriminatorLoss: finiteD.length > 0 ? mean(finiteD) : null,
    generatorLoss: finiteG.length > 0 ? mean(finiteG) : null,
    discriminatorLossHasFloor: hasFloor,
    gradientNormMax: norms.length > 0 ? Math.max(...norms) : null,
    gradientNormMedian: norms.length > 0 ? median(norms) : null,
    nonFiniteGradients,
    generatorChange: generatorChange(input),
  };
}

function generatorChange(input: TrainingHealthInput): number | null {
  const { generated, previousGenerated } = input;
  const dim = input.generatedDim ?? 0;
  if (!generated || !previousGenerated || dim < 1 || generated.length !== previousGenerated.length || generated.length < 2 * dim) return null;
  const rows = Math.floor(generated.length / dim);
  const centroid = new Float64Array(dim);
  for (let r = 0; r < rows; r++) for (let c = 0; c < dim; c++) centroid[c] = (centroid[c] as number) + (generated[r * dim + c] as number) / rows;
  let moved = 0;
  let spread = 0;
  for (let r = 0; r < rows; r++) {
    let step = 0;
    let radius = 0;
    for (let c = 0; c < dim; c++) {
      const now = generated[r * dim + c] as number;
      step += (now - (previousGenerated[r * dim + c] as number)) ** 2;
      radius += (now - (centroid[c] as number)) ** 2;
    }
    moved += Math.sqrt(step);
    spread += Math.sqrt(radius);
  }
  if (!Number.isFinite(moved) || !Number.isFinite(spread)) return null;
  if (spread === 0) return moved === 0 ? 0 : null;
  return moved / spread;
}
