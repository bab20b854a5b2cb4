/** The per-snapshot metrics (docs/metrics.md): one import for the trainer, the worker and the extension. */
export type { AttributeGroup, AttributeSpec, ConfidenceColumns, LabelColumns } from './attributes';
export { computeSnapshotMetrics, ReferenceCache, type AttributeInput, type FeatureInput, type SnapshotMetricsInput, type SnapshotMetricsOptions } from './computeSnapshotMetrics';
export { frechetDistance, frechetFromFits, psdSquareRoot } from './frechet';
export { groupFrechet, type GroupFrechet, type GroupFrechetOptions, type GroupFrechetResult } from './groupFrechet';
export { groupShares, type AttributeDistance, type GroupShare, type GroupSharesResult } from './groupShares';
export { memorization, DEFAULT_NEAR_COPY_FACTOR, type Memorization, type MemorizationOptions } from './memorization';
export { mixtureMeasures, type MixtureInput, type MixtureMeasures, type MixtureOptions } from './mixtureMeasures';
export { ClusterIndex } from './neighbors/clusterIndex';
export { prdc, realNeighbors, DEFAULT_PRDC_K, type Prdc, type RealNeighbors } from './prdc';
export { probeMeasures, type ProbeInput, type ProbeMeasures, type ProbeOptions } from './probeMeasures';
export type { FrechetMetrics, MetricFamily, SnapshotMetrics } from './snapshotMetrics';
export { trainingHealth, type TrainingHealth, type TrainingHealthInput } from './trainingHealth';
