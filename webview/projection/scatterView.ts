import { Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip, type ScatterDataPoint } from 'chart.js';
import type { Bounds } from '../../src/core/monitor/viewBounds';
import type { ViewFrame } from '../../src/protocol/projectionPanel';
import { themeColor, withAlpha } from './theme';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

/** Real and generated rows of one view's map on fixed axes. */
export class ScatterView {
  private readonly chart: Chart<'scatter', ScatterDataPoint[]>;
  private dataBounds: Bounds | undefined;
  private readonly generatedColor: string;

  constructor(canvas: HTMLCanvasElement) {
    const foreground = themeColor('--vscode-foreground', '#cccccc');
    const grid = withAlpha(themeColor('--vscode-foreground', '#cccccc'), 0.12);
    const real = themeColor('--vscode-charts-blue', '#3794ff');
    const alertColor = themeColor('--vscode-editorError-foreground', '#f14c4c');
    this.generatedColor = withAlpha(themeColor('--vscode-charts-orange', '#d18616'), 0.75);
    this.chart = new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'real', data: [], backgroundColor: withAlpha(real, 0.45), borderWidth: 0, pointRadius: 2 },
          { label: 'generated', data: [], backgroundColor: this.generatedColor, borderWidth: 0, pointRadius: 2 },
          // An alert's points, drawn last so they sit on top; hidden (and out of the legend) when empty.
          { label: 'alert: real', data: [], backgroundColor: withAlpha(real, 0.9), borderColor: alertColor, borderWidth: 2, pointRadius: 5, hidden: true },
          { label: 'alert: generated', data: [], backgroundColor: this.generatedColor, borderColor: alertColor, borderWidth: 2, pointRadius: 5, pointStyle: 'rectRot', hidden: true },
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
          // A view without real rows (the latent bank) hides that series rather than striking it out.
          legend: { labels: { color: foreground, usePointStyle: true, filter: (item, data) => data.datasets[item.datasetIndex ?? 0]?.hidden !== true } },
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
    if (sameBounds(bounds, this.dataBounds)) return;
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

  /**
   * Draws a map; `generatedColors` (one per generated row) colours the generated points by a
   * predicted attribute. Returns how many points were drawn (non-finite coordinates are skipped).
   */
  show(frame: ViewFrame, generatedColors?: readonly string[], highlight?: ScatterHighlight): number {
    const split = 2 * frame.nReal;
    const real = toPoints(frame.coordinates.slice(0, split));
    const generated = toPoints(frame.coordinates.slice(split), generatedColors);
    const [realSet, generatedSet, alertRealSet, alertGeneratedSet] = this.chart.data.datasets;
    if (alertRealSet && alertGeneratedSet) {
      alertRealSet.data = rowPoints(frame.coordinates, highlight?.realRows ?? [], 0, frame.nReal);
      alertGeneratedSet.data = rowPoints(frame.coordinates, highlight?.generatedRows ?? [], frame.nReal, frame.nGenerated);
      alertRealSet.label = highlight?.realLabel ?? 'alert: real';
      alertGeneratedSet.label = highlight?.generatedLabel ?? 'alert: generated';
      alertRealSet.hidden = alertRealSet.data.length === 0;
      alertGeneratedSet.hidden = alertGeneratedSet.data.length === 0;
    }
    if (realSet) {
      realSet.data = real.points;
      realSet.hidden = frame.nReal === 0;
    }
    if (generatedSet) {
      generatedSet.data = generated.points;
      generatedSet.backgroundColor = generated.colors ?? this.generatedColor;
    }
    this.chart.update('none');
    return real.points.length + generated.points.length;
  }

  clear(): void {
    for (const dataset of this.chart.data.datasets) dataset.data = [];
    this.chart.update('none');
  }
}

export interface ScatterHighlight {
  readonly realRows: readonly number[];
  readonly generatedRows: readonly number[];
  readonly realLabel: string;
  readonly generatedLabel: string;
}

/** The points of `rows` (indices within a side that starts at row `first` and has `count` rows). */
function rowPoints(coordinates: readonly (number | null)[], rows: readonly number[], first: number, count: number): ScatterDataPoint[] {
  const points: ScatterDataPoint[] = [];
  for (const row of rows) {
    if (!(row >= 0 && row < count)) continue;
    const x = coordinates[2 * (first + row)];
    const y = coordinates[2 * (first + row) + 1];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) points.push({ x, y });
  }
  return points;
}

function toPoints(coordinates: readonly (number | null)[], colors?: readonly string[]): { points: ScatterDataPoint[]; colors?: string[] } {
  const points: ScatterDataPoint[] = [];
  const kept: string[] = [];
  for (let i = 0; i + 1 < coordinates.length; i += 2) {
    const x = coordinates[i];
    const y = coordinates[i + 1];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      points.push({ x, y });
      if (colors) kept.push(colors[i / 2] ?? '');
    }
  }
  return colors ? { points, colors: kept } : { points };
}

function sameBounds(a: Bounds | undefined, b: Bounds | undefined): boolean {
  return a === b || (!!a && !!b && a.xMin === b.xMin && a.xMax === b.xMax && a.yMin === b.yMin && a.yMax === b.yMax);
}
