/**
 * Timing helpers shared by the groups: a warm-up (JIT, kernel set-up and caches are not what a
 * figure should describe), repeats, and the median, which one slow repeat on a busy 2-core machine
 * does not move the way it moves a mean.
 */

/** Milliseconds from an arbitrary origin. */
export type Clock = () => number;

export const defaultClock: Clock = () => performance.now();

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

export interface MeasureOptions {
  /** Untimed runs first. Default 1. */
  readonly warmup?: number;
  /** Timed runs. */
  readonly repeats: number;
  readonly clock?: Clock;
}

export interface Measurement {
  /** Duration of each timed run, in order. */
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function summarise(samplesMs: readonly number[]): Measurement {
  return { samplesMs: [...samplesMs], medianMs: median(samplesMs), minMs: Math.min(...samplesMs), maxMs: Math.max(...samplesMs) };
}

/** Runs `task` `warmup` times untimed, then `repeats` times timed one by one. */
export async function measure(task: () => unknown, options: MeasureOptions): Promise<Measurement> {
  const clock = options.clock ?? defaultClock;
  if (!Number.isInteger(options.repeats) || options.repeats < 1) throw new Error(`repeats must be a positive integer (got ${options.repeats})`);
  for (let i = 0; i < (options.warmup ?? 1); i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const start = clock();
    await task();
    samples.push(clock() - start);
  }
  return summarise(samples);
}

/** Units of work per second given the milliseconds one unit-batch took. */
export function perSecond(units: number, milliseconds: number): number {
  if (!(milliseconds > 0)) throw new Error(`cannot turn ${milliseconds} ms into a rate`);
  return (units * 1000) / milliseconds;
}
