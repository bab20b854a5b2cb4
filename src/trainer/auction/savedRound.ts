/**
 * The latest auction round as a checkpoint value (JSON): a resumed run's first snapshot shows the
 * same bids, scores and reference as the uninterrupted run's. Alignment losses are not kept: no
 * snapshot shows them. NaN bids become null in JSON and NaN again when read back.
 */
import { StateMismatchError } from '../checkpoint/savedState';
import type { AuctionRound } from './auctionTrainer';

export interface SavedRound {
  readonly bids: readonly (readonly (number | null)[])[];
  readonly realBids: readonly (number | null)[];
  readonly scores: readonly (number | null)[];
  readonly reference: number;
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function savedRound(round: AuctionRound): SavedRound {
  return {
    bids: round.bids.bids.map((row) => row.map(finiteOrNull)),
    realBids: round.bids.realBids.map(finiteOrNull),
    scores: round.scores.map(finiteOrNull),
    reference: round.reference,
  };
}

function numbers(value: unknown, length: number, what: string): number[] {
  if (!Array.isArray(value) || value.length !== length || !value.every((item) => item === null || typeof item === 'number')) {
    throw new StateMismatchError(`"auction.lastRound" ${what} is not a list of ${length} numbers`);
  }
  return value.map((item: number | null) => item ?? Number.NaN);
}

/** The round saved by savedRound for `players` players; undefined for null (no round yet); StateMismatchError otherwise. */
export function parseSavedRound(value: unknown, players: number): AuctionRound | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new StateMismatchError('"auction.lastRound" is neither null nor a round');
  const saved = value as Record<string, unknown>;
  const rows = saved.bids;
  if (!Array.isArray(rows) || rows.length !== players) throw new StateMismatchError(`"auction.lastRound" bids is not a ${players}×${players} matrix`);
  const bids = rows.map((row, index) => numbers(row, players, `bids row ${index}`));
  const reference = saved.reference;
  if (typeof reference !== 'number' || !Number.isInteger(reference) || reference < 0 || reference >= players) {
    throw new StateMismatchError(`"auction.lastRound" reference is not a player index below ${players}`);
  }
  return {
    bids: { bids, realBids: numbers(saved.realBids, players, 'realBids') },
    scores: numbers(saved.scores, players, 'scores'),
    reference,
    alignmentLosses: Array.from({ length: players }, () => []),
  };
}
