/**
 * What a MaGNET / polarity sampling run is asked to do, with defaults and the checks that turn a
 * bad request (from a config, a CLI flag or a webview message) into one clear error.
 */

/** The Jacobian is taken of a random projection of the output to at most this many dimensions. */
export const MAX_PROJECTION_DIM = 128;

export interface MagnetOptions {
  /** Latent vectors drawn from N(0, I); the samples are chosen among them. */
  readonly poolSize: number;
  /** How many samples are drawn (without replacement) from the pool. */
  readonly sampleCount: number;
  /** How many of the largest singular values of the Jacobian make up the volume element. */
  readonly k: number;
  /** Weight exponent: 1 is MaGNET, 0 is standard sampling, < 0 favours modes, > 1 anti-modes (polarity). */
  readonly rho: number;
  /** Rows of the fixed random projection of the output; outputs with no more dimensions are used as they are. */
  readonly projectionDim: number;
  readonly seed: number;
  /**
   * Also divide each weight by the latent prior density to the power ρ, so that ρ = 1 is exactly
   * uniform on the manifold whatever the latent dimension. The published procedure leaves it out,
   * which is nearly the same in high-dimensional latents and very different in low-dimensional ones.
   */
  readonly priorCorrection: boolean;
}

export type MagnetRequest = Partial<MagnetOptions>;

/** The sizes of the generator the options are for: they bound k and the projection. */
export interface GeneratorShape {
  readonly latentDim: number;
  readonly outputDim: number;
}

export const MAGNET_DEFAULTS = {
  poolSize: 2000,
  sampleCount: 200,
  rho: 1,
  projectionDim: MAX_PROJECTION_DIM,
  seed: 0,
  priorCorrection: false,
} as const;

/** Rows the Jacobian actually has: projecting to more dimensions than the output has gains nothing. */
export function projectedRows(projectionDim: number, outputDim: number): number {
  return Math.min(projectionDim, outputDim);
}

/** Fills in defaults (k: every singular value there is) and throws a RangeError naming the first bad option. */
export function resolveMagnetOptions(request: MagnetRequest, shape: GeneratorShape): MagnetOptions {
  requireInteger('latentDim', shape.latentDim, 1, Number.MAX_SAFE_INTEGER);
  requireInteger('outputDim', shape.outputDim, 1, Number.MAX_SAFE_INTEGER);
  const poolSize = requireInteger('poolSize', request.poolSize ?? MAGNET_DEFAULTS.poolSize, 1, Number.MAX_SAFE_INTEGER);
  const sampleCount = requireInteger('sampleCount', request.sampleCount ?? Math.min(MAGNET_DEFAULTS.sampleCount, poolSize), 1, poolSize, `the pool size ${poolSize}`);
  const projectionDim = requireInteger('projectionDim', request.projectionDim ?? MAGNET_DEFAULTS.projectionDim, 1, MAX_PROJECTION_DIM);
  const rank = Math.min(shape.latentDim, projectedRows(projectionDim, shape.outputDim));
  const k = requireInteger('k', request.k ?? rank, 1, rank, `min(latent dimension ${shape.latentDim}, projected output dimension ${projectedRows(projectionDim, shape.outputDim)})`);
  const rho = request.rho ?? MAGNET_DEFAULTS.rho;
  if (typeof rho !== 'number' || !Number.isFinite(rho)) throw new RangeError(`magnet option rho must be a finite number, got ${describe(rho)}`);
  const seed = requireInteger('seed', request.seed ?? MAGNET_DEFAULTS.seed, 0, 0xffffffff);
  const priorCorrection = request.priorCorrection ?? MAGNET_DEFAULTS.priorCorrection;
  if (typeof priorCorrection !== 'boolean') throw new RangeError(`magnet option priorCorrection must be true or false, got ${describe(priorCorrection)}`);
  return { poolSize, sampleCount, k, rho, projectionDim, seed, priorCorrection };
}

function requireInteger(name: string, value: unknown, min: number, max: number, maxMeaning?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const upper = max === Number.MAX_SAFE_INTEGER ? '' : ` and at most ${max}${maxMeaning ? ` (${maxMeaning})` : ''}`;
    throw new RangeError(`magnet option ${name} must be an integer of at least ${min}${upper}, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
