/** The log density of the standard normal latent prior, for the optional prior correction of the weights. */

/** log N(z; 0, I) of each row of a row-major [count, latentDim] pool. */
export function standardNormalLogDensities(latents: ArrayLike<number>, latentDim: number): Float64Array {
  if (!(Number.isInteger(latentDim) && latentDim >= 1) || latents.length % latentDim !== 0) {
    throw new RangeError(`latents (${latents.length} values) are not whole rows of ${latentDim}`);
  }
  const count = latents.length / latentDim;
  const constant = -0.5 * latentDim * Math.log(2 * Math.PI);
  const out = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    let squaredNorm = 0;
    for (let j = 0; j < latentDim; j++) squaredNorm += (latents[n * latentDim + j] as number) ** 2;
    out[n] = constant - 0.5 * squaredNorm;
  }
  return out;
}
