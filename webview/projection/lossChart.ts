import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ScatterDataPoint } from 'chart.js';
import type { SnapshotFrame } from '../../src/protocol/projectionPanel';
import { themeColor, withAlpha } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

/** Mean discriminator and generator loss per snapshot, with the selected snapshot marked. */
export class LossChart {
  private readonly chart: Chart<'line', ScatterDataPoint[]>;
  private selectedIteration = Number.NaN;

  constructor(canvas: HTMLCanvasElement) {
    const foreground = themeColor('--vscode-foreground', '#cccccc');
    const grid = withAlpha(foreground, 0.12);
    const series = (label: string, color: string) => ({
      label,
      data: [] as ScatterDataPoint[],
      borderColor: color,
      backgroundColor: color,
      borderWidth: 1.5,
      pointRadius: (context: { raw: unknown }) => ((context.raw as ScatterDataPoint | undefined)?.x === this.selectedIteration ? 4 : 0),
      tension: 0,
    });
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          series('discriminator loss', themeColor('--vscode-charts-purple', '#b180d7')),
          series('generator loss', themeColor('--vscode-charts-orange', '#d18616')),
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        plugins: { legend: { labels: { color: foreground } } },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'iteration', color: foreground }, ticks: { color: foreground }, grid: { color: grid } },
          y: { type: 'linear', ticks: { color: foreground }, grid: { color: grid } },
        },
      },
    });
  }

  setFrames(frames: readonly SnapshotFrame[]): void {
    const [discriminator, generator] = this.chart.data.datasets;
    if (discriminator) discriminator.data = series(frames, 'lossD');
    if (generator) generator.data = series(frames, 'lossG');
    this.chart.update('none');
  }

  highlight(iteration: number): void {
    this.selectedIteration = iteration;
    this.chart.update('none');
  }
}

function series(frames: readonly SnapshotFrame[], metric: string): ScatterDataPoint[] {
  const points: ScatterDataPoint[] = [];
  for (const frame of frames) {
    const value = frame?.metrics[metric];
    if (frame && typeof value === 'number' && Number.isFinite(value)) points.push({ x: frame.iteration, y: value });
  }
  return points;
}
