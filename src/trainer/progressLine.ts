/** The human-readable line the trainer prints on stdout for each snapshot. */
import type { SnapshotRecord } from '../protocol/stream';

function formatNumber(value: number | undefined, digits: number): string {
  return value === undefined ? '-' : value.toFixed(digits);
}

/** e.g. `[ring8] it 1200/5000  lossD 1.21  lossG 0.83  87 it/s  backend wasm`; a VAE prints `loss  reconstruction  kl`. */
export function formatProgressLine(name: string, snapshot: SnapshotRecord, maxIterations: number, backend: string, lossNames: readonly string[] = ['lossD', 'lossG']): string {
  const { stepsPerSecond } = snapshot.metrics;
  const losses = lossNames.map((loss) => `  ${loss} ${formatNumber(snapshot.metrics[loss], 2)}`).join('');
  return `[${name}] it ${snapshot.iteration}/${maxIterations}${losses}  ${formatNumber(stepsPerSecond, 0)} it/s  backend ${backend}`;
}
