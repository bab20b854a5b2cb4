/**
 * Which of a snapshot's scalar metrics the loss chart draws: the losses, whatever the model calls
 * them (lossD/lossG, a critic's, a VAE's loss/reconstruction/kl; `player<i>.` prefixed for each
 * player of an auction run), and not the figures that describe the run: timing, counts, gradient
 * norms (their own chart) or auction bookkeeping (the Players section).
 */
import { MULTI_PLAYER_NAMES, parsePlayerName } from '../../protocol/stream';

const NOT_LOSSES: ReadonlySet<string> = new Set(['elapsedSeconds', 'stepsPerSecond', 'nonFiniteWeights', MULTI_PLAYER_NAMES.players, MULTI_PLAYER_NAMES.referencePlayer]);

export function isLossMetric(name: string): boolean {
  const base = parsePlayerName(name)?.name ?? name;
  return !NOT_LOSSES.has(base) && !base.startsWith('gradientNorm') && !base.startsWith('auction.');
}

/** The loss metrics the snapshots carry, in first-seen order. */
export function lossMetricNames(snapshots: readonly ({ readonly metrics: Readonly<Record<string, number>> } | undefined)[]): string[] {
  const names: string[] = [];
  for (const snapshot of snapshots) {
    if (!snapshot) continue;
    for (const name of Object.keys(snapshot.metrics)) if (!names.includes(name) && isLossMetric(name)) names.push(name);
  }
  return names;
}
