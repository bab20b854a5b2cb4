/**
 * Importance-resampling weights of a latent pool: ∝ volume^ρ (optionally ÷ prior^ρ), computed as a
 * softmax of log weights so that volumes spanning hundreds of orders of magnitude stay exact.
 */

/**
 * Normalised weights (summing to 1) for log volumes and ρ. With `logPriors` (the latent prior's log
 * density at each pool member) each log weight is ρ·(log volume − log prior). ρ = 0 weighs every
 * member equally. Members of zero volume (−Infinity) get weight 0 whenever ρ ≠ 0: a negative ρ
 * would otherwise give them all the mass, and a degenerate Jacobian is a measure-zero accident.
 */
export function resamplingWeights(logVolumes: ArrayLike<number>, rho: number, logPriors?: ArrayLike<number>): Float64Array {
  return normaliseLogWeights(resamplingLogWeights(logVolumes, rho, logPriors));
}

export function resamplingLogWeights(logVolumes: ArrayLike<number>, rho: number, logPriors?: ArrayLike<number>): Float64Array {
  if (!Number.isFinite(rho)) throw new RangeError(`rho must be a finite number, got ${rho}`);
  const count = logVolumes.length;
  if (count === 0) throw new RangeError('cannot weigh an empty pool');
  if (logPriors && logPriors.length !== count) throw new RangeError(`expected ${count} log prior densities, got ${logPriors.length}`);
  const logWeights = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const logVolume = logVolumes[i] as number;
    if (Number.isNaN(logVolume) || logVolume === Infinity) throw new RangeError(`log volume ${i} is ${logVolume}`);
    const logPrior = logPriors ? (logPriors[i] as number) : 0;
    if (!Number.isFinite(logPrior)) throw new RangeError(`log prior density ${i} is ${logPrior}`);
    if (rho === 0) logWeights[i] = 0;
    else logWeights[i] = logVolume === -Infinity ? -Infinity : rho * (logVolume - logPrior);
  }
  return logWeights;
}

/** softmax: exp(w − max w) / Σ; throws when no member has any weight. */
export function normaliseLogWeights(logWeights: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logWeights.length; i++) max = Math.max(max, logWeights[i] as number);
  if (max === -Infinity) throw new RangeError('every member of the pool has zero weight (all Jacobians are degenerate)');
  const weights = new Float64Array(logWeights.length);
  let total = 0;
  for (let i = 0; i < logWeights.length; i++) {
    const weight = Math.exp((logWeights[i] as number) - max);
    weights[i] = weight;
    total += weight;
  }
  for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / total;
  return weights;
}

/** (Σw)² / Σw²: how many equally weighted members the weights are worth (1 when one member takes all). */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] as number;
    sum += weight;
    sumOfSquares += weight * weight;
  }
  return sumOfSquares === 0 ? 0 : (sum * sum) / sumOfSquares;
}
