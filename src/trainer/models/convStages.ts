/**
 * How many stride-2 stages a DCGAN-style network uses for an image size: halve while both sides
 * are even and stay at least 4 (28 → 14 → 7: two stages; 32 → 16 → 8 → 4: three; 64: four).
 */

export interface ConvPlan {
  /** Resolution at the narrow end (generator input / critic output side). */
  readonly baseHeight: number;
  readonly baseWidth: number;
  readonly stages: number;
  /** Channels after stage i of the critic/encoder (the generator runs them in reverse). */
  readonly channels: readonly number[];
}

const MIN_SIDE = 4;

export function planConvStages(imageShape: readonly number[], baseChannels: number): ConvPlan {
  const [height = 0, width = 0, channels = 0] = imageShape;
  if (imageShape.length !== 3 || height < MIN_SIDE || width < MIN_SIDE || channels < 1) {
    throw new Error(`the conv architecture needs images of shape [height, width, channels] with sides ≥ ${MIN_SIDE}, got [${imageShape.join(', ')}]`);
  }
  if (!Number.isInteger(baseChannels) || baseChannels < 1) throw new Error(`baseChannels must be a positive integer, got ${baseChannels}`);
  let baseHeight = height;
  let baseWidth = width;
  let stages = 0;
  while (baseHeight % 2 === 0 && baseWidth % 2 === 0 && baseHeight / 2 >= MIN_SIDE && baseWidth / 2 >= MIN_SIDE) {
    baseHeight /= 2;
    baseWidth /= 2;
    stages++;
  }
  if (stages === 0) throw new Error(`the conv architecture needs an image side that halves at least once to ≥ ${MIN_SIDE}, got ${height}×${width}`);
  return { baseHeight, baseWidth, stages, channels: Array.from({ length: stages }, (_, i) => baseChannels * 2 ** i) };
}
