import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type Plugin, type ScatterDataPoint } from 'chart.js';
import { lossMetricNames } from '../../src/core/monitor/lossMetrics';
import type { SnapshotFrame } from '../../src/protocol/projectionPanel';
import { themeColor, withAlpha } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

/**
 * The training losses per snapshot (the means the trainer records), whatever the model calls them:
 * lossD/lossG for a GAN, the critic's and generator's for WGAN-GP, loss/reconstruction/kl for a VAE.
 */
export class LossChart {
  private readonly chart: Chart<'line', ScatterDataPoint[]>;
  private selectedIteration = Number.NaN;
  private readonly foreground: string;
  /** Iterations of the run's interventions, drawn as dashed vertical lines. */
  private markers: readonly number[] = [];

  constructor(canvas: HTMLCanvasElement) {
    this.foreground = themeColor('--vscode-foreground', '#cccccc');
    const grid = withAlpha(this.foreground, 0.12);
    const markerColor = themeColor('--vscode-charts-yellow', '#cca700');
    const markerLines: Plugin<'line'> = {
      id: 'interventionMarkers',
      afterDatasetsDraw: (chart) => {
        const { ctx, chartArea } = chart;
        const x = chart.scales['x'];
        if (!x || this.markers.length === 0) return;
        ctx.save();
        ctx.strokeStyle = markerColor;
        ctx.lineWidth = 1;
        ctx.setLineDash([4, 3]);
        for (const iteration of this.markers) {
          const pixel = x.getPixelForValue(iteration);
          if (pixel < chartArea.left || pixel > chartArea.right) continue;
          ctx.beginPath();
          ctx.moveTo(pixel, chartArea.top);
          ctx.lineTo(pixel, chartArea.bottom);
          ctx.stroke();
        }
        ctx.restore();
      },
    };
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        plugins: { legend: { labels: { color: this.foreground } } },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'iteration', color: this.foreground }, ticks: { color: this.foreground }, grid: { color: grid } },
          y: { type: 'linear', ticks: { color: this.foreground }, grid: { color: grid } },
        },
      },
      plugins: [markerLines],
    });
    canvas.dataset['markers'] = '0';
  }

  /** Marks interventions with vertical lines at their iterations. */
  setMarkers(iterations: readonly number[]): void {
    this.markers = iterations;
    this.chart.canvas.dataset['markers'] = String(iterations.length);
    this.chart.update('none');
  }

  setFrames(frames: readonly SnapshotFrame[]): void {
    const names = lossMetricNames(frames);
    const datasets = this.chart.data.datasets;
    datasets.length = 0;
    names.forEach((name, index) => {
      const color = themeColor(PALETTE[index % PALETTE.length]?.[0] ?? '', PALETTE[index % PALETTE.length]?.[1] ?? this.foreground);
      datasets.push({
        label: LABELS[name] ?? name,
        data: series(frames, name),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 1.5,
        pointRadius: (context: { raw: unknown }) => ((context.raw as ScatterDataPoint | undefined)?.x === this.selectedIteration ? 4 : 0),
        tension: 0,
      });
    });
    this.chart.update('none');
  }

  highlight(iteration: number): void {
    this.selectedIteration = iteration;
    this.chart.update('none');
  }
}

const PALETTE: readonly (readonly [string, string])[] = [
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-blue', '#3794ff'],
];

const LABELS: Readonly<Record<string, string>> = { lossD: 'discriminator loss', lossG: 'generator loss' };

function series(frames: readonly SnapshotFrame[], metric: string): ScatterDataPoint[] {
  const points: ScatterDataPoint[] = [];
  for (const frame of frames) {
    const value = frame?.metrics[metric];
    if (frame && typeof value === 'number' && Number.isFinite(value)) points.push({ x: frame.iteration, y: value });
  }
  return points;
}
