/**
 * What the Projection panel's players section shows for a multi-player (auction) run: every
 * player's samples at the latest snapshot (small multiples, 2-D data only), the latest bid matrix,
 * and each snapshot's auction scores over time, read from the snapshots' metrics. Arrays come from
 * a stream, so anything malformed is left out rather than trusted.
 */
import type { PlayerPanelView, PlayersPanelView } from '../../protocol/projectionPanel';
import { MULTI_PLAYER_NAMES, parsePlayerName, playerName, type ArrayMap, type SnapshotRecord } from '../../protocol/stream';

/** A snapshot's metrics and iteration: what the timeline keeps of every snapshot. */
export interface SnapshotMetricsEntry {
  readonly iteration: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** The run's player count from a snapshot's metrics; 1 for a single-player run or a bad value. */
export function playersOf(metrics: Readonly<Record<string, number>>): number {
  const count = metrics[MULTI_PLAYER_NAMES.players];
  return typeof count === 'number' && Number.isInteger(count) && count > 1 && count <= 99 ? count : 1;
}

function points2d(arrays: ArrayMap, name: string): number[] | undefined {
  const array = arrays[name];
  if (!array || array.dtype !== 'float32' || array.shape.length !== 2 || array.shape[1] !== 2 || array.data.length !== (array.shape[0] ?? 0) * 2) return undefined;
  return Array.from(array.data);
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

function bidMatrix(arrays: ArrayMap, count: number): number[][] | undefined {
  const array = arrays[MULTI_PLAYER_NAMES.auctionBids];
  if (!array || array.dtype !== 'float32' || array.shape.length !== 2 || array.shape[0] !== count || array.shape[1] !== count || array.data.length !== count * count) return undefined;
  return Array.from({ length: count }, (_, bidder) => Array.from(array.data.subarray(bidder * count, (bidder + 1) * count)));
}

function vectorOf(arrays: ArrayMap, name: string, count: number): number[] | undefined {
  const array = arrays[name];
  if (!array || array.dtype !== 'float32' || array.shape.length !== 1 || array.shape[0] !== count || array.data.length !== count) return undefined;
  return Array.from(array.data);
}

function playerLosses(metrics: Readonly<Record<string, number>>, player: number): Record<string, number> {
  const losses: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) {
    const parsed = parsePlayerName(name);
    if (parsed?.player === player && !parsed.name.includes('.') && Number.isFinite(value)) losses[parsed.name] = value;
  }
  return losses;
}

/**
 * The section's content for the newest snapshot of a run and the metrics of all its snapshots (in
 * order); null when the run has a single player, so the panel hides the section.
 */
export function playersPanelView(latest: SnapshotRecord, history: readonly SnapshotMetricsEntry[]): PlayersPanelView | null {
  const count = playersOf(latest.metrics);
  if (count < 2) return null;
  const { arrays, metrics } = latest;
  const referenceMetric = metrics[MULTI_PLAYER_NAMES.referencePlayer];
  const reference = typeof referenceMetric === 'number' && Number.isInteger(referenceMetric) && referenceMetric >= 0 && referenceMetric < count ? referenceMetric : 0;
  const players = Array.from({ length: count }, (_, player): PlayerPanelView => {
    const points = points2d(arrays, playerName(player, 'generated'));
    return { player, ...(points ? { points } : {}), losses: playerLosses(metrics, player), score: finiteOrNull(metrics[playerName(player, MULTI_PLAYER_NAMES.playerScore)]) };
  });
  const realPoints = points2d(arrays, 'real');
  const bids = bidMatrix(arrays, count);
  const realBids = vectorOf(arrays, MULTI_PLAYER_NAMES.auctionRealBids, count);
  const scoreHistory = history.flatMap(({ iteration, metrics: entry }) => {
    const scores = Array.from({ length: count }, (_, player) => finiteOrNull(entry[playerName(player, MULTI_PLAYER_NAMES.playerScore)]));
    return scores.some((score) => score !== null) ? [{ iteration, scores }] : [];
  });
  return { iteration: latest.iteration, count, reference, players, ...(realPoints ? { realPoints } : {}), ...(bids ? { bids } : {}), ...(realBids ? { realBids } : {}), scoreHistory };
}
