/**
 * Where an iteration falls on the panel's timeline, whose steps are snapshots rather than
 * iterations: an intervention between two snapshots sits between their slider positions, in
 * proportion to the iterations.
 */

/** Fractional snapshot index for `iteration`, clamped to the timeline; undefined without snapshots. */
export function timelinePosition(iterations: readonly number[], iteration: number): number | undefined {
  const last = iterations.length - 1;
  if (last < 0) return undefined;
  if (iteration <= (iterations[0] as number)) return 0;
  if (iteration >= (iterations[last] as number)) return last;
  let index = 0;
  while (index < last && (iterations[index + 1] as number) <= iteration) index++;
  const from = iterations[index] as number;
  const to = iterations[index + 1] as number;
  return to > from ? index + (iteration - from) / (to - from) : index;
}
