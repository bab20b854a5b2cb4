/**
 * The valuation stage: every generator presents a batch from one shared latent batch, and every
 * discriminator values every batch (its mean output) and a real batch too, for reference.
 */
import type { Tensor, Tf } from '../tf';
import { discriminatorSays, type AuctionPlayer } from './outputs';
import type { BidTable } from './score';

/**
 * `fakes[s]` is seller s's generated batch and `real` one real batch, all with the same rows.
 * Each discriminator sees all of them in one pass, then the pass is split back per batch.
 */
export function bidTable(tf: Tf, players: readonly AuctionPlayer[], real: Tensor, fakes: readonly Tensor[]): BidTable {
  if (fakes.length !== players.length) throw new Error(`bids need one generated batch per player: ${players.length} players, ${fakes.length} batches`);
  const rows = real.shape[0] ?? 0;
  if (rows < 1 || fakes.some((fake) => fake.shape[0] !== rows)) throw new Error('bids need non-empty real and generated batches of the same size');
  const everything = tf.concat([real, ...fakes], 0);
  try {
    const means = players.map((player) =>
      tf.tidy(() => {
        const says = discriminatorSays(tf, player, everything);
        return tf.mean(tf.reshape(says, [players.length + 1, rows]), 1);
      }),
    );
    const stacked = tf.stack(means);
    tf.dispose(means);
    const values = stacked.arraySync() as number[][];
    stacked.dispose();
    return { realBids: values.map((row) => row[0] ?? Number.NaN), bids: values.map((row) => row.slice(1)) };
  } finally {
    everything.dispose();
  }
}
