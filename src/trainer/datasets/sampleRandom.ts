/**
 * One independent random source per sample index, so that a dataset stream can jump to any
 * position in O(1): a checkpoint records how many samples were drawn, and restoring it needs
 * no replay. The `random` module's generators are sequential (one state per stream), hence
 * this small indexed variant beside it.
 */
import type { RandomSource } from '../random';

/** FNV-1a over the stream name, folded with the seed: the part of the state shared by one stream. */
function streamHash(seed: number, stream: string): number {
  let hash = Math.imul((Math.floor(seed) >>> 0) ^ 0x811c9dc5, 0x01000193) >>> 0;
  for (let i = 0; i < stream.length; i++) hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * The random source of sample `index` of `stream`. The index enters the generator state
 * directly (low and high 32 bits in separate words), so distinct indices never share a state,
 * unlike hashing the index into the 32-bit seed, where a million samples would collide.
 */
export function sampleRandom(seed: number, stream: string, index: number): RandomSource {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`sample index must be a non-negative integer, got ${index}`);
  const shared = streamHash(seed, stream);
  let a = mix32(shared);
  let b = index >>> 0;
  let c = Math.floor(index / 4294967296) >>> 0;
  let d = mix32(shared ^ 0x5bd1e995);
  // sfc32, the generator of the `random` module.
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Neighbouring indices start from nearly equal states; sfc32 needs a few steps to decorrelate them.
  for (let i = 0; i < 16; i++) next();

  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
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
