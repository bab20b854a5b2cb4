/** The projection cache part of `genmon inspect`: per view and snapshot, how faithful and how stable each map is. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { resolveProjectionOptions } from '../core/projection/options';
import { PROJECTION_CACHE_FILE, projectionCacheKey, readProjectionCache } from '../core/projection/projectionCache';
import type { ProjectionLayoutKind, ProjectionViewName } from '../protocol/projection';

export interface ProjectedSnapshotReport {
  readonly iteration: number;
  readonly layout: ProjectionLayoutKind;
  /** null where the cache holds the map but not (yet) its quality report. */
  readonly trustworthiness: number | null;
  readonly trustworthinessK: number | null;
  readonly stabilityReal: number | null;
  readonly stabilityGenerated: number | null;
}

export interface ProjectionsReport {
  readonly file: string;
  /** Why part or all of the cache could not be used (torn tail, other options), or null. */
  readonly problem: string | null;
  readonly views: Partial<Record<ProjectionViewName, ProjectedSnapshotReport[]>>;
}

/** What the run's projections.gmp holds, or null when the run has none (it was never shown in VS Code). */
export function inspectProjections(runDir: string): ProjectionsReport | null {
  const file = path.join(runDir, PROJECTION_CACHE_FILE);
  if (!existsSync(file)) return null;
  const contents = readProjectionCache(file, projectionCacheKey(resolveProjectionOptions()));
  const views: Partial<Record<ProjectionViewName, ProjectedSnapshotReport[]>> = {};
  for (const entry of contents.entries) {
    const list = (views[entry.view] ??= []);
    // A resumed run re-projects the iterations it redid: the later record is the run's map.
    const existing = list.findIndex((item) => item.iteration === entry.iteration);
    const report: ProjectedSnapshotReport = {
      iteration: entry.iteration,
      layout: entry.layout,
      trustworthiness: entry.quality?.trustworthiness ?? null,
      trustworthinessK: entry.quality?.trustworthinessK ?? null,
      stabilityReal: entry.quality?.stabilityReal ?? null,
      stabilityGenerated: entry.quality?.stabilityGenerated ?? null,
    };
    if (existing >= 0) list[existing] = report;
    else list.push(report);
  }
  for (const list of Object.values(views)) list.sort((a, b) => a.iteration - b.iteration);
  return { file, problem: contents.problem, views };
}

/** One line for the table: per view, how many snapshots have maps and the last one's figures. */
export function formatProjections(report: ProjectionsReport | null): string {
  if (!report) return '- (none cached; open the run in VS Code to compute them)';
  const parts = Object.entries(report.views).map(([view, list]) => {
    const last = list[list.length - 1];
    const trust = last?.trustworthiness === null || last?.trustworthiness === undefined ? '' : `, last trustworthiness ${last.trustworthiness.toFixed(3)}`;
    const moved = typeof last?.stabilityGenerated === 'number' ? `, moved ${(100 * last.stabilityGenerated).toFixed(2)} %` : '';
    return `${view} ${list.length} snapshot${list.length === 1 ? '' : 's'}${trust}${moved}`;
  });
  const text = parts.length > 0 ? parts.join('; ') : 'none';
  return report.problem ? `${text} (${report.problem})` : text;
}
