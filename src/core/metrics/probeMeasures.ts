/**
 * Probe-dataset measures (Zhao et al. 2018, "Bias and generalization in deep generative models"):
 * a feature measured from pixels (numerosity of the dots dataset, a pie feature) of generated
 * samples against training samples.
 *
 * - Histograms on shared bins: integer features get one bin per integer between the smallest and
 *   largest value seen; continuous ones `bins` equal-width bins over the combined range.
 * - KL(generated ‖ training) over those bins, each bin given `smoothing` pseudo-counts on both
 *   sides so a bin empty on one side stays finite.
 * - The generated mode (centre of the fullest generated bin) and whether the training data has
 *   mass there: a generated mode in a bin holding less than `noMassShare` of the training samples
 *   is flagged — prototype enhancement (trained on 2 and 4 dots, the model favours 3).
 */

export interface ProbeInput {
  /** What was measured: 'numerosity', 'radius', 'redProportion', … */
  readonly feature: string;
  readonly training: ArrayLike<number>;
  readonly generated: ArrayLike<number>;
  /** One bin per integer (numerosity). Default: true when every value is an integer. */
  readonly integer?: boolean;
}

export interface ProbeMeasures {
  readonly feature: string;
  /** Bin centres. */
  readonly bins: readonly number[];
  /** Shares (sum 1) per bin. */
  readonly trainingHistogram: readonly number[];
  readonly generatedHistogram: readonly number[];
  readonly klDivergence: number | null;
  readonly trainingMode: number | null;
  readonly generatedMode: number | null;
  /** Share of training samples in the generated mode's bin. */
  readonly trainingShareAtGeneratedMode: number | null;
  readonly prototypeEnhancement: boolean;
  readonly trainingMean: number | null;
  readonly generatedMean: number | null;
  readonly trainingCount: number;
  readonly generatedCount: number;
}

export interface ProbeOptions {
  readonly bins?: number;
  readonly smoothing?: number;
  readonly noMassShare?: number;
  /** Integer features with more distinct values than this are binned like continuous ones. */
  readonly maxIntegerBins?: number;
}

export function probeMeasures(input: ProbeInput, options: ProbeOptions = {}): ProbeMeasures {
  const training = finiteValues(input.training);
  const generated = finiteValues(input.generated);
  const all = training.concat(generated);
  const smoothing = options.smoothing ?? 0.5;
  const noMassShare = options.noMassShare ?? 0.01;
  const empty: ProbeMeasures = {
    feature: input.feature, bins: [], trainingHistogram: [], generatedHistogram: [], klDivergence: null, trainingMode: null,
    generatedMode: null, trainingShareAtGeneratedMode: null, prototypeEnhancement: false,
    trainingMean: meanOrNull(training), generatedMean: meanOrNull(generated), trainingCount: training.length, generatedCount: generated.length,
  };
  if (training.length === 0 || generated.length === 0) return empty;
  let low = Infinity;
  let high = -Infinity;
  for (const v of all) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const integer = (input.integer ?? all.every(Number.isInteger)) && high - low + 1 <= (options.maxIntegerBins ?? 256);
  const binCount = integer ? high - low + 1 : Math.max(1, options.bins ?? 20);
  const width = integer ? 1 : (high - low) / binCount || 1;
  const binOf = (v: number): number => (integer ? Math.round(v - low) : Math.min(binCount - 1, Math.floor((v - low) / width)));
  const bins = Array.from({ length: binCount }, (_, b) => (integer ? low + b : low + (b + 0.5) * width));
  const trainingCounts = histogram(training, binCount, binOf);
  const generatedCounts = histogram(generated, binCount, binOf);
  let kl = 0;
  const trainingTotal = training.length + smoothing * binCount;
  const generatedTotal = generated.length + smoothing * binCount;
  for (let b = 0; b < binCount; b++) {
    const p = ((generatedCounts[b] as number) + smoothing) / generatedTotal;
    const q = ((trainingCounts[b] as number) + smoothing) / trainingTotal;
    kl += p * Math.log(p / q);
  }
  const generatedModeBin = argMax(generatedCounts);
  const trainingShareAtGeneratedMode = (trainingCounts[generatedModeBin] as number) / training.length;
  return {
    ...empty,
    bins,
    trainingHistogram: trainingCounts.map((c) => c / training.length),
    generatedHistogram: generatedCounts.map((c) => c / generated.length),
    klDivergence: Math.max(0, kl),
    trainingMode: bins[argMax(trainingCounts)] ?? null,
    generatedMode: bins[generatedModeBin] ?? null,
    trainingShareAtGeneratedMode,
    prototypeEnhancement: trainingShareAtGeneratedMode < noMassShare,
  };
}

function finiteValues(values: ArrayLike<number>): number[] {
  return Array.from(values).filter(Number.isFinite);
}

function meanOrNull(values: readonly number[]): number | null {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

function histogram(values: readonly number[], bins: number, binOf: (v: number) => number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[binOf(v)]!++;
  return counts;
}

function argMax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
