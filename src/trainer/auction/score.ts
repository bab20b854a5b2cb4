/**
 * From bids to a ranking. `bids[b][s]` is the mean output of bidder b's discriminator on seller
 * s's generated batch; `realBids[b]` the mean output of the same discriminator on a real batch.
 * A player's own discriminator never values its own generator (the diagonal is ignored): the
 * point of the auction is an outside opinion.
 */
import type { AuctionScore } from './options';

export interface BidTable {
  readonly bids: readonly (readonly number[])[];
  readonly realBids: readonly number[];
}

function at(values: readonly number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new Error(`bid table has no entry ${index}`);
  return value;
}

function meanOverOthers(count: number, self: number, value: (other: number) => number): number {
  let sum = 0;
  for (let other = 0; other < count; other++) if (other !== self) sum += value(other);
  return sum / (count - 1);
}

/**
 * - `bids`: S(i) = mean_{j≠i} B[j][i], the paper's valuation taken literally.
 * - `relative`: S(i) = mean_{j≠i} (B[j][i] − R[j]): each bid measured against what that bidder
 *   gives real data, so a bidder that rates everything high (or a critic with a large offset)
 *   does not decide the ranking alone.
 * - `pair`: relative(i) + mean_{j≠i} (R[i] − B[i][j]): the pair is also credited for how well its
 *   own discriminator tells real data from the other generators' samples.
 */
export function playerScores(formula: AuctionScore, table: BidTable): number[] {
  const count = table.realBids.length;
  if (count < 2) throw new Error(`an auction needs at least 2 players, got ${count}`);
  if (table.bids.length !== count || table.bids.some((row) => row.length !== count)) {
    throw new Error(`bids must be a ${count}×${count} matrix to match ${count} real bids`);
  }
  const bid = (bidder: number, seller: number): number => at(table.bids[bidder] ?? [], seller);
  const real = (bidder: number): number => at(table.realBids, bidder);
  return Array.from({ length: count }, (_, i) => {
    const value = meanOverOthers(count, i, (j) => bid(j, i));
    if (formula === 'bids') return value;
    const relative = value - meanOverOthers(count, i, (j) => real(j));
    if (formula === 'relative') return relative;
    return relative + real(i) - meanOverOthers(count, i, (j) => bid(i, j));
  });
}

/** The index of the highest score; the lowest index among ties, and a NaN score never wins. */
export function bestPlayer(scores: readonly number[]): number {
  let best = -1;
  scores.forEach((score, index) => {
    if (Number.isNaN(score)) return;
    if (best < 0 || score > (scores[best] as number)) best = index;
  });
  if (best < 0) throw new Error('no player has a finite score: the discriminators output NaN');
  return best;
}
