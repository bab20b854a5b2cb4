import { Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip, type ScatterDataPoint } from 'chart.js';
import type { SnapshotFrame } from '../../src/protocol/projectionPanel';
import type { Bounds } from './bounds';
import { themeColor, withAlpha } from './theme';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

/** Real and generated samples of one snapshot on fixed axes. */
export class ScatterView {
  private readonly chart: Chart<'scatter', ScatterDataPoint[]>;

  constructor(canvas: HTMLCanvasElement) {
    const foreground = themeColor('--vscode-foreground', '#cccccc');
    const grid = withAlpha(themeColor('--vscode-foreground', '#cccccc'), 0.12);
    const real = themeColor('--vscode-charts-blue', '#3794ff');
    const generated = themeColor('--vscode-charts-orange', '#d18616');
    this.chart = new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'real', data: [], backgroundColor: withAlpha(real, 0.45), borderWidth: 0, pointRadius: 2 },
          { label: 'generated', data: [], backgroundColor: withAlpha(generated, 0.75), borderWidth: 0, pointRadius: 2 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        plugins: {
          legend: { labels: { color: foreground, usePointStyle: true } },
          tooltip: { enabled: false },
        },
        scales: {
          // Fixed bounds are rarely round numbers; labelling them would crowd the nice ticks.
          x: { type: 'linear', ticks: { color: foreground, includeBounds: false }, grid: { color: grid } },
          y: { type: 'linear', ticks: { color: foreground, includeBounds: false }, grid: { color: grid } },
        },
      },
    });
  }

  setBounds(bounds: Bounds | undefined): void {
    const scales = this.chart.options.scales;
    if (!bounds || !scales?.['x'] || !scales['y']) return;
    Object.assign(scales['x'], { min: bounds.xMin, max: bounds.xMax });
    Object.assign(scales['y'], { min: bounds.yMin, max: bounds.yMax });
  }

  /** Draws a snapshot; returns how many points were drawn (non-finite coordinates are skipped). */
  show(frame: SnapshotFrame): number {
    const real = toPoints(frame.real);
    const generated = toPoints(frame.generated);
    const [realSet, generatedSet] = this.chart.data.datasets;
    if (realSet) realSet.data = real;
    if (generatedSet) generatedSet.data = generated;
    this.chart.update('none');
    return real.length + generated.length;
  }

  clear(): void {
    for (const dataset of this.chart.data.datasets) dataset.data = [];
    this.chart.update('none');
  }
}

function toPoints(coordinates: readonly (number | null)[]): ScatterDataPoint[] {
  const points: ScatterDataPoint[] = [];
  for (let i = 0; i + 1 < coordinates.length; i += 2) {
    const x = coordinates[i];
    const y = coordinates[i + 1];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) points.push({ x, y });
  }
  return points;
}
