/**
 * One line saying where and when figures were measured, printed above the table: figures mean little
 * without it. The load average is there because other work on a 2-core machine halves them.
 */
import * as os from 'node:os';

export function describeMachine(now: Date = new Date()): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${now.toISOString().slice(0, 10)}, Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg()[0]?.toFixed(2) ?? '?'}`;
}
