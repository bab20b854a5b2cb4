/**
 * A small seeded random source so that a run is reproducible from its config's `seed`:
 * the dataset, the fixed reference sets, the weight initialisation and the training noise
 * all draw from generators derived from that one number.
 */

/** Uniform and standard-normal draws from one deterministic stream. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fills a new Float32Array with `count` standard-normal draws. */
  normals(count: number): Float32Array;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter generator): 128 bits of state, passes
 * PractRand, and needs only 32-bit integer arithmetic, which JavaScript does exactly.
 */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** splitmix32 spreads a small seed over the generator's whole state, so seeds 1 and 2 differ everywhere. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/**
 * A generator for `seed` and a named `stream`: different streams of one seed are independent,
 * so adding draws to one purpose (say, a bigger reference set) leaves the others unchanged.
 */
export function createRandom(seed: number, stream = ''): RandomSource {
  let mixed = Math.floor(seed) >>> 0;
  for (let i = 0; i < stream.length; i++) mixed = Math.imul(mixed ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  const init = splitmix32(mixed);
  const next = sfc32(init(), init(), init(), init());
  // Discard the first outputs: sfc32 mixes its state over its first few steps.
  for (let i = 0; i < 12; i++) next();

  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return {
    uniform: next,
    normal,
    normals(count: number): Float32Array {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = normal();
      return out;
    },
  };
}
