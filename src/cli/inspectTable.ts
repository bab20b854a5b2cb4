/** The human-readable form of `genmon inspect`: one labelled line per fact. */
import type { InspectReport } from './inspectCommand';
import { formatProjections } from './inspectProjections';

function configLabel(config: unknown, configPath: string | undefined): string {
  const name = typeof config === 'object' && config !== null && typeof (config as { name?: unknown }).name === 'string' ? (config as { name: string }).name : undefined;
  const parts = [name, configPath ? `(${configPath})` : undefined].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : '-';
}

function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toPrecision(3);
}

function stateLabel(report: InspectReport): string {
  if (report.end) {
    const message = report.end.message ? `: ${report.end.message}` : '';
    return `${report.state} at iteration ${report.end.iteration}${message}`;
  }
  if (report.state === 'running') return `running (pid ${report.trainerPid})`;
  return 'interrupted (no end record and no live trainer)';
}

export function formatInspectTable(report: InspectReport): string {
  const rows: [string, string][] = [
    ['run dir', report.runDir],
    ['run id', report.runId ?? '- (no header record)'],
    ['state', stateLabel(report)],
    ['config', configLabel(report.config, report.configPath)],
    ...(report.branchOf ? [['branch of', `run ${report.branchOf.parentRunId} from its checkpoint at iteration ${report.branchOf.checkpointIteration} (${report.branchOf.parentRunDir})`] as [string, string]] : []),
    ['backend', report.trainer ? `${report.trainer.backend}${report.trainer.backendReason ? ` (${report.trainer.backendReason})` : ''}` : '-'],
    ['snapshots', report.iterations ? `${report.snapshots} (iterations ${report.iterations.first}–${report.iterations.last})` : String(report.snapshots)],
    [
      'last metrics',
      report.lastMetrics
        ? Object.entries(report.lastMetrics)
            .map(([name, value]) => `${name} ${formatMetric(value)}`)
            .join('  ')
        : '-',
    ],
    ['events', report.events.length > 0 ? report.events.map((event) => `${event.kind}@${event.iteration}`).join(', ') : '-'],
    ['projections', formatProjections(report.projections)],
  ];
  if (report.streamErrors.length > 0) {
    rows.push(['stream errors', report.streamErrors.map((error) => `at byte ${error.offset}: ${error.message}`).join('; ')]);
  }
  if (report.pendingBytes > 0) rows.push(['pending bytes', `${report.pendingBytes} (an incomplete record at the end)`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
