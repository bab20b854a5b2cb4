/**
 * One independent random source per sample index, so that a dataset stream can jump to any
 * position in O(1): a checkpoint records how many samples were drawn, and restoring it needs
 * no replay. The `random` module's generators are sequential (one state per stream), hence
 * this small indexed variant beside it.
 */
import { foldStreamName, RandomDraws, Sfc32, splitmix32, type RandomSource } from '../random';

/** FNV-1a over the stream name, folded with the seed: the part of the state shared by one stream. */
function streamHash(seed: number, stream: string): number {
  return foldStreamName(Math.imul((Math.floor(seed) >>> 0) ^ 0x811c9dc5, 0x01000193) >>> 0, stream);
}

/** One splitmix32 step: spreads a hash over a whole generator word. */
function mix32(value: number): number {
  return splitmix32(value)();
}

/**
 * The random source of sample `index` of `stream`. The index enters the generator state
 * directly (low and high 32 bits in separate words), so distinct indices never share a state,
 * unlike hashing the index into the 32-bit seed, where a million samples would collide.
 */
export function sampleRandom(seed: number, stream: string, index: number): RandomSource {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`sample index must be a non-negative integer, got ${index}`);
  const shared = streamHash(seed, stream);
  const generator = new Sfc32(mix32(shared), index >>> 0, Math.floor(index / 4294967296) >>> 0, mix32(shared ^ 0x5bd1e995));
  const draws = new RandomDraws(() => generator.next());
  // Neighbouring indices start from nearly equal states; sfc32 needs a few steps to decorrelate them.
  for (let i = 0; i < 16; i++) draws.uniform();
  return draws;
}
