/**
 * Drawing the samples from the weighted pool without replacement, as the MaGNET authors do, so no
 * latent vector appears twice. Gumbel-top-k: adding independent Gumbel noise to each log weight
 * and keeping the k largest is exactly successive sampling ∝ weight without replacement.
 */

/** Indices of `count` pool members drawn ∝ exp(logWeights) without replacement, in draw order. */
export function sampleWithoutReplacement(logWeights: ArrayLike<number>, count: number, uniform: () => number): Int32Array {
  const eligible: number[] = [];
  for (let i = 0; i < logWeights.length; i++) {
    const logWeight = logWeights[i] as number;
    if (Number.isNaN(logWeight) || logWeight === Infinity) throw new RangeError(`log weight ${i} is ${logWeight}`);
    if (logWeight !== -Infinity) eligible.push(i);
  }
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`sample count must be a non-negative integer, got ${count}`);
  if (count > eligible.length) throw new RangeError(`cannot draw ${count} samples without replacement from ${eligible.length} pool members of non-zero weight`);
  const keys = new Float64Array(logWeights.length);
  for (const i of eligible) keys[i] = (logWeights[i] as number) + gumbel(uniform());
  eligible.sort((a, b) => (keys[b] as number) - (keys[a] as number));
  return Int32Array.from(eligible.slice(0, count));
}

/** A standard Gumbel draw from u ∈ [0, 1); nudged off 0 so neither logarithm is infinite. */
function gumbel(u: number): number {
  const open = (u * 4294967296 + 0.5) / 4294967297;
  return -Math.log(-Math.log(open));
}
