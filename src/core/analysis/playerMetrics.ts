/**
 * Per-player metrics of a multi-player (auction) snapshot: for each `player<i>.generated`, the
 * Gaussian-mixture measures (mean log-likelihood, modes covered) where the dataset is a mixture,
 * and the overall Fréchet distance to the real reference where the snapshot has features. Alerts
 * stay on the unprefixed arrays (the reference player); these are for comparing the players.
 */
import { frechetDistance } from '../metrics/frechet';
import { mixtureMeasures } from '../metrics/mixtureMeasures';
import { playerName, type ArrayMap } from '../../protocol/stream';
import type { AnalysisContext } from './analysisContext';

export interface PlayerMetrics {
  readonly player: number;
  /** Mean log-likelihood of the player's points under the true mixture; null when not finite. Mixture datasets only. */
  readonly meanLogLikelihood?: number | null;
  readonly modesCovered?: number;
  readonly modeCount?: number;
  /** d² between Gaussian fits of the real and the player's generated features; null when it cannot be measured. */
  readonly frechet?: number | null;
  /** Measures that were not computed, and why. */
  readonly skipped: readonly string[];
}

/** A well-formed float32 [rows, dim] array, else undefined. */
function rowsOf(arrays: ArrayMap, name: string): { data: Float32Array; rows: number; dim: number } | undefined {
  const array = arrays[name];
  if (!array || array.dtype !== 'float32' || array.shape.length !== 2) return undefined;
  const [rows, dim] = array.shape as [number, number];
  if (rows < 1 || dim < 1 || array.data.length !== rows * dim) return undefined;
  return { data: array.data as Float32Array, rows, dim };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The players of a snapshot: `player0.generated`, `player1.generated`, … up to the first missing index. */
export function playerCount(arrays: ArrayMap): number {
  let count = 0;
  while (arrays[playerName(count, 'generated')] !== undefined) count++;
  return count;
}

function onePlayer(arrays: ArrayMap, context: AnalysisContext, player: number, highQualitySigmas: number): PlayerMetrics {
  const skipped: string[] = [];
  const result: { -readonly [K in keyof PlayerMetrics]: PlayerMetrics[K] } = { player, skipped };
  const points = rowsOf(arrays, playerName(player, 'generated'));
  if (context.mixture) {
    if (points && points.dim === 2) {
      try {
        const measures = mixtureMeasures({ points: points.data, centres: context.mixture.centres, sigma: context.mixture.sigma }, { highQualitySigmas });
        result.meanLogLikelihood = measures.meanLogLikelihood;
        result.modesCovered = measures.modesCovered;
        result.modeCount = measures.modeCount;
      } catch (error) {
        skipped.push(`mixture: ${message(error)}`);
      }
    } else {
      skipped.push(`mixture: ${playerName(player, 'generated')} is not a [n, 2] float32 array`);
    }
  }
  const real = rowsOf(arrays, 'realFeatures') ?? (context.pointsAreFeatures ? rowsOf(arrays, 'real') : undefined);
  const generated = rowsOf(arrays, playerName(player, 'generatedFeatures')) ?? (context.pointsAreFeatures ? points : undefined);
  if (real && generated && real.dim === generated.dim) {
    try {
      const distance = frechetDistance(real.data, real.rows, generated.data, generated.rows, real.dim);
      result.frechet = Number.isFinite(distance) ? distance : null;
    } catch (error) {
      result.frechet = null;
      skipped.push(`frechet: ${message(error)}`);
    }
  } else {
    skipped.push(real && generated ? `frechet: real and generated features differ in width (${real.dim} vs ${generated.dim})` : 'frechet: no features for this player');
  }
  return result;
}

/** One entry per player, in player order; undefined for a single-player snapshot (no `player0.generated`). */
export function playerMetrics(arrays: ArrayMap, context: AnalysisContext, highQualitySigmas = 3): PlayerMetrics[] | undefined {
  const count = playerCount(arrays);
  if (count === 0) return undefined;
  return Array.from({ length: count }, (_, player) => onePlayer(arrays, context, player, highQualitySigmas));
}
