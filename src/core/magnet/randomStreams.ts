/**
 * The seeded random streams of one MaGNET run. Each purpose has its own stream so that, say, a
 * bigger pool leaves the projection matrix unchanged; the same seed gives the same samples on every
 * machine. Built on the projection's small PRNG, so core needs nothing from the trainer.
 */
import { createRandom } from '../projection/random';

export type MagnetStreamPurpose = 'pool' | 'projection' | 'resampling';

const PURPOSE_SALT: Readonly<Record<MagnetStreamPurpose, number>> = { pool: 0x2545f491, projection: 0x6c8e9cf5, resampling: 0x9e3779b1 };

export interface MagnetRandom {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
}

export function magnetRandom(seed: number, purpose: MagnetStreamPurpose): MagnetRandom {
  const source = createRandom((Math.imul(seed >>> 0, 0x85ebca6b) ^ PURPOSE_SALT[purpose]) >>> 0);
  const uniform = (): number => source.next();
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // Box-Muller; 1 − u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { uniform, normal };
}

/** `count` standard-normal draws: a pool of latent vectors, row-major. */
export function normalDraws(random: MagnetRandom, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = random.normal();
  return out;
}
