/**
 * Every metric of one snapshot, as plain JSON (no typed arrays; unmeasurable values are null), the
 * record the run keeps beside its stream and the input of the alert engine. docs/metrics.md
 * defines each field.
 */
import type { GroupFrechet } from './groupFrechet';
import type { GroupSharesResult } from './groupShares';
import type { Memorization } from './memorization';
import type { MixtureMeasures } from './mixtureMeasures';
import type { Prdc } from './prdc';
import type { ProbeMeasures } from './probeMeasures';
import type { TrainingHealth } from './trainingHealth';

export type MetricFamily = 'frechet' | 'prdc' | 'groupShares' | 'mixture' | 'probes' | 'memorization' | 'health';

export interface FrechetMetrics {
  /** d² between Gaussian fits of all real and all generated features; null when skipped. */
  readonly overall: number | null;
  readonly overallSkipped?: string;
  /** Per attribute group (each value, each pair of values); skipped groups carry the reason. */
  readonly groups: readonly GroupFrechet[];
}

export interface SnapshotMetrics {
  readonly iteration: number;
  /** Wall time of computeSnapshotMetrics, milliseconds. */
  readonly computeMs: number;
  readonly frechet?: FrechetMetrics;
  readonly prdc?: Prdc;
  readonly groupShares?: GroupSharesResult;
  readonly mixture?: MixtureMeasures;
  readonly probes?: readonly ProbeMeasures[];
  readonly memorization?: Memorization;
  readonly health?: TrainingHealth;
  /** Families that had their inputs but could not be computed, with the reason. */
  readonly skipped: readonly { readonly family: MetricFamily; readonly reason: string }[];
}
