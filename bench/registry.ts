/** Every benchmark group, in the order a full run measures them; a new group is one line here. */
import { metricsGroup } from './groups/metrics';
import { projectionGroup } from './groups/projection';
import { streamGroup } from './groups/stream';
import { trainerGroup } from './groups/trainer';
import type { BenchGroup } from './types';

export const BENCH_GROUPS: readonly BenchGroup[] = [streamGroup, trainerGroup, projectionGroup, metricsGroup];
