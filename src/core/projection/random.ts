/**
 * A small seeded PRNG (mulberry32) for the projection: the same seed gives the same layout on every
 * machine, which Math.random cannot. Deliberately separate from the trainer's generator so the two
 * sides can evolve without changing each other's results.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, bound). */
  int(bound: number): number;
}

export function createRandom(seed: number): SeededRandom {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next: () => nextUint32() / 4294967296,
    int: (bound: number) => Math.floor((nextUint32() / 4294967296) * bound),
  };
}
