/**
 * A small seeded random source so that a run is reproducible from its config's `seed`:
 * the dataset, the fixed reference sets, the weight initialisation and the training noise
 * all draw from generators derived from that one number.
 */

/**
 * Everything a generator needs to continue exactly where it was: the four sfc32 words and the
 * Box-Muller spare (a normal drawn but not yet returned), so a resumed run draws the same numbers.
 */
export interface RandomState {
  readonly words: readonly [number, number, number, number];
  readonly spare: number | null;
}

/** Uniform and standard-normal draws from one deterministic stream. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fills a new Float32Array with `count` standard-normal draws. */
  normals(count: number): Float32Array;
}

/** A random source whose position can be saved and restored (checkpoints). */
export interface ResumableRandom extends RandomSource {
  getState(): RandomState;
  /** Continues from a state getState() returned (on this or another source); throws on a malformed one. */
  setState(state: RandomState): void;
}

/** Whether `value` is a RandomState a generator can continue from; checkpoints are read from disk. */
export function isRandomState(value: unknown): value is RandomState {
  if (typeof value !== 'object' || value === null) return false;
  const { words, spare } = value as { words?: unknown; spare?: unknown };
  const wordsOk = Array.isArray(words) && words.length === 4 && words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffffffff);
  return wordsOk && (spare === null || (typeof spare === 'number' && Number.isFinite(spare)));
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter generator): 128 bits of state, passes
 * PractRand, and needs only 32-bit integer arithmetic, which JavaScript does exactly.
 */
export class Sfc32 {
  private readonly state: Int32Array;

  constructor(a: number, b: number, c: number, d: number) {
    this.state = Int32Array.of(a, b, c, d);
  }

  next(): number {
    const s = this.state;
    const a = s[0] ?? 0;
    const b = s[1] ?? 0;
    const c = s[2] ?? 0;
    const d = s[3] ?? 0;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  get words(): [number, number, number, number] {
    const s = this.state;
    return [(s[0] ?? 0) >>> 0, (s[1] ?? 0) >>> 0, (s[2] ?? 0) >>> 0, (s[3] ?? 0) >>> 0];
  }

  set words(words: readonly [number, number, number, number]) {
    this.state.set(words.map((word) => word | 0));
  }
}

/** splitmix32 spreads a small seed over the generator's whole state, so seeds 1 and 2 differ everywhere. */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/** Folds a stream name into a 32-bit hash (FNV-1a steps), so each named stream gets its own state. */
export function foldStreamName(hash: number, stream: string): number {
  let folded = hash;
  for (let i = 0; i < stream.length; i++) folded = Math.imul(folded ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return folded;
}

/**
 * The draws of a RandomSource over one uniform stream. Normals come in Box-Muller pairs; `spare` holds
 * the second of a pair until it is asked for, and is part of what a checkpoint saves.
 */
export class RandomDraws implements RandomSource {
  spare: number | undefined;

  constructor(readonly uniform: () => number) {}

  // Arrow properties: callers pass these methods around unbound.
  readonly normal = (): number => {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  readonly normals = (count: number): Float32Array => {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.normal();
    return out;
  };
}

/**
 * A generator for `seed` and a named `stream`: different streams of one seed are independent,
 * so adding draws to one purpose (say, a bigger reference set) leaves the others unchanged.
 */
export function createRandom(seed: number, stream = ''): ResumableRandom {
  const init = splitmix32(foldStreamName(Math.floor(seed) >>> 0, stream));
  const generator = new Sfc32(init(), init(), init(), init());
  const draws = new RandomDraws(() => generator.next());
  // Discard the first outputs: sfc32 mixes its state over its first few steps.
  for (let i = 0; i < 12; i++) draws.uniform();

  return {
    uniform: draws.uniform,
    normal: draws.normal,
    normals: draws.normals,
    getState: () => ({ words: generator.words, spare: draws.spare ?? null }),
    setState(state: RandomState): void {
      if (!isRandomState(state)) throw new Error('not a random generator state: expects { words: four 32-bit unsigned integers, spare: number | null }');
      generator.words = state.words;
      draws.spare = state.spare ?? undefined;
    },
  };
}
