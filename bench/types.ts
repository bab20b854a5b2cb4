/**
 * The shapes every benchmark group shares. A group is one module in bench/groups/ registered in
 * bench/registry.ts; the runner (bench/main.ts) selects, runs and prints them.
 */
import type { Clock } from './timing';

/** One figure. `name` is `<group>.<what>`: the key benchmark-tracking tools chart it under. */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  /** For people reading the table: how it was measured (iterations, samples, backend). */
  readonly note?: string;
}

export interface BenchContext {
  /** `--quick`: fewer repeats and smaller workloads, for a fast look rather than a figure to record. */
  readonly quick: boolean;
  /** Progress and skip notes; they go to stderr so `--json` keeps stdout machine-readable. */
  readonly log: (line: string) => void;
  readonly clock: Clock;
}

export interface BenchGroup {
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}
