import { Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip, type ScatterDataPoint } from 'chart.js';
import type { SnapshotFrame } from '../../src/protocol/projectionPanel';
import type { Bounds } from './bounds';
import { themeColor, withAlpha } from './theme';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

/** Real and generated samples of one snapshot on fixed axes. */
export class ScatterView {
  private readonly chart: Chart<'scatter', ScatterDataPoint[]>;
  private dataBounds: Bounds | undefined;

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
        // Called during construction too, before this.chart is assigned: use the chart it passes.
        onResize: (chart, size) => this.applyBounds(chart, size.width, size.height),
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
    this.dataBounds = bounds;
    this.applyBounds(this.chart, this.chart.width, this.chart.height);
  }

  /** Widens one axis so a data unit is as long across as up: distances on screen stay true. */
  private applyBounds(chart: Chart, width: number, height: number): void {
    const bounds = this.dataBounds;
    const scales = chart.options.scales;
    if (!bounds || !scales?.['x'] || !scales['y'] || width <= 0 || height <= 0) return;
    const spanX = bounds.xMax - bounds.xMin;
    const spanY = bounds.yMax - bounds.yMin;
    const perPixel = Math.max(spanX / width, spanY / height);
    const cx = (bounds.xMin + bounds.xMax) / 2;
    const cy = (bounds.yMin + bounds.yMax) / 2;
    Object.assign(scales['x'], { min: cx - (perPixel * width) / 2, max: cx + (perPixel * width) / 2 });
    Object.assign(scales['y'], { min: cy - (perPixel * height) / 2, max: cy + (perPixel * height) / 2 });
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
