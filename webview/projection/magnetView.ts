import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { GroupComparison, SampleSetMeasures } from '../../src/core/analysis/magnetComparison';
import type { MagnetComparisonPanelView, MagnetSetPanelView, ThumbnailGrid } from '../../src/protocol/projectionPanel';
import { drawMiniScatter, squareBox } from './miniScatter';
import { themeColor, withAlpha } from './theme';

const SET_TITLES: Readonly<Record<MagnetSetPanelView['set'], string>> = { standard: 'Standard, z ~ N(0, I)', magnet: 'MaGNET, uniform on the manifold' };
const CANVAS_SIDE = 220;

type Collapsible = HTMLElement & { heading: string; description: string; open: boolean };

/**
 * The "MaGNET vs standard" section: both sample sets side by side (2-D points over the real ones,
 * or thumbnails), then per set precision/recall (and modes covered, for the known mixtures), then
 * per attribute group the real share against each set's share and ratio. Counts and the
 * iteration are exposed as data attributes for tests that drive the real panel.
 */
export class MagnetView {
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;

  constructor(private readonly section: Collapsible) {
    section.heading = 'MaGNET vs standard';
    this.status = document.createElement('p');
    this.status.className = 'magnet-status';
    this.status.hidden = true;
    this.body = document.createElement('div');
    this.body.className = 'magnet-body';
    section.append(this.status, this.body);
  }

  showStatus(status: { readonly text: string; readonly kind: 'busy' | 'error' } | null): void {
    this.status.hidden = status === null;
    this.status.textContent = status?.text ?? '';
    this.status.dataset['kind'] = status?.kind ?? '';
    this.section.dataset['busy'] = String(status?.kind === 'busy');
    this.updateHidden();
  }

  show(view: MagnetComparisonPanelView | null): void {
    const section = this.section;
    if (!view) {
      delete section.dataset['standardCount'];
      delete section.dataset['magnetCount'];
      delete section.dataset['iteration'];
      this.body.replaceChildren();
      this.updateHidden();
      return;
    }
    const { comparison } = view;
    section.dataset['standardCount'] = String(comparison.sets.standard.count);
    section.dataset['magnetCount'] = String(comparison.sets.magnet.count);
    section.dataset['iteration'] = String(comparison.iteration);
    section.dataset['groups'] = String(comparison.groups.length);
    section.description = `iteration ${comparison.iteration.toLocaleString('en-US')}`;
    section.open = true;
    this.body.replaceChildren(summary(view), sets(view), measures(comparison.sets.standard, comparison.sets.magnet), groups(comparison.groups));
    this.updateHidden();
  }

  private updateHidden(): void {
    this.section.hidden = this.status.hidden && this.body.childElementCount === 0;
  }
}

function summary({ comparison }: MagnetComparisonPanelView): HTMLElement {
  const { options } = comparison;
  const parts = [`${comparison.sets.standard.count} samples per set of the ${options.sampled ?? 'generator'}, drawn at iteration ${comparison.iteration.toLocaleString('en-US')}`];
  if (options.poolSize !== undefined) parts.push(`pool ${options.poolSize}`);
  if (options.rho !== undefined) parts.push(`ρ = ${options.rho}`);
  if (options.k !== undefined) parts.push(`k = ${options.k}`);
  if (options.effectiveSampleSize !== undefined) parts.push(`effective pool size ${Math.round(options.effectiveSampleSize)}`);
  parts.push(`real reference of iteration ${comparison.referenceIteration.toLocaleString('en-US')} (${comparison.realCount} samples)`);
  const line = element('p', 'magnet-summary', parts.join(' · '));
  if (comparison.problems.length > 0) line.title = comparison.problems.join('\n');
  return line;
}

function sets(view: MagnetComparisonPanelView): HTMLElement {
  const row = element('div', 'magnet-sets');
  const bounds = squareBox([view.realPoints ?? [], ...view.sets.map((set) => set.points ?? [])]);
  for (const set of view.sets) {
    const figure = element('figure', 'magnet-set');
    figure.dataset['set'] = set.set;
    figure.dataset['count'] = String(set.count);
    const canvas = document.createElement('canvas');
    canvas.width = CANVAS_SIDE;
    canvas.height = CANVAS_SIDE;
    if (set.points && bounds) {
      drawMiniScatter(canvas, bounds, [
        { points: view.realPoints ?? [], color: withAlpha(themeColor('--vscode-charts-blue', '#3794ff'), 0.3), dot: 3 },
        { points: set.points, color: withAlpha(set.set === 'magnet' ? themeColor('--vscode-charts-green', '#89d185') : themeColor('--vscode-charts-orange', '#d18616'), 0.8), dot: 3 },
      ]);
      canvas.setAttribute('aria-label', `${set.count} ${set.set} samples over the real points`);
    } else if (set.thumbnails) {
      drawThumbnails(canvas, set.thumbnails);
      canvas.setAttribute('aria-label', `${set.thumbnails.count} thumbnails of the ${set.set} samples`);
    } else {
      canvas.hidden = true;
    }
    canvas.setAttribute('role', 'img');
    figure.append(canvas, element('figcaption', '', `${SET_TITLES[set.set]} — ${set.count}`));
    row.append(figure);
  }
  return row;
}

function drawThumbnails(canvas: HTMLCanvasElement, grid: ThumbnailGrid): void {
  const context = canvas.getContext('2d');
  if (!context || grid.count === 0) return;
  const columns = Math.ceil(Math.sqrt(grid.count));
  const rows = Math.ceil(grid.count / columns);
  canvas.width = columns * grid.width;
  canvas.height = rows * grid.height;
  const image = context.createImageData(canvas.width, canvas.height);
  const pixels = grid.height * grid.width;
  for (let n = 0; n < grid.count; n++) {
    const left = (n % columns) * grid.width;
    const top = Math.floor(n / columns) * grid.height;
    for (let p = 0; p < pixels; p++) {
      const source = (n * pixels + p) * grid.channels;
      const target = ((top + Math.floor(p / grid.width)) * canvas.width + left + (p % grid.width)) * 4;
      const red = grid.data[source] ?? 0;
      image.data[target] = red;
      image.data[target + 1] = grid.channels === 3 ? (grid.data[source + 1] ?? 0) : red;
      image.data[target + 2] = grid.channels === 3 ? (grid.data[source + 2] ?? 0) : red;
      image.data[target + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
}

function measures(standard: SampleSetMeasures, magnet: SampleSetMeasures): HTMLElement {
  const table = element('table', 'magnet-measures');
  table.append(headerRow(['', 'standard', 'MaGNET']));
  const format = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : value.toFixed(3));
  const rows: [string, string, (set: SampleSetMeasures) => string][] = [
    ['precision', 'share of the samples that lie where real data lies', (set) => format(set.prdc?.precision)],
    ['recall', 'share of the real data the samples reach', (set) => format(set.prdc?.recall)],
    ['density', 'real neighbourhoods per sample, over k', (set) => format(set.prdc?.density)],
    ['coverage', 'share of real neighbourhoods holding a sample', (set) => format(set.prdc?.coverage)],
  ];
  if (standard.modes && magnet.modes) rows.push(['modes covered', 'modes of the mixture with their share of samples', (set) => (set.modes ? `${set.modes.covered}/${set.modes.total}` : '—')]);
  for (const [name, meaning, value] of rows) {
    const row = document.createElement('tr');
    row.dataset['measure'] = name;
    const label = element('td', '', name);
    label.title = meaning;
    row.append(label, element('td', '', value(standard)), element('td', '', value(magnet)));
    table.append(row);
  }
  return table;
}

function groups(comparisons: readonly GroupComparison[]): HTMLElement {
  if (comparisons.length === 0) return element('p', 'magnet-no-groups', 'No attribute groups: the dataset has no attributes, or the snapshot no labels.');
  const table = element('table', 'magnet-groups');
  table.append(headerRow(['group', 'real', 'standard', 'ratio', 'MaGNET', 'ratio']));
  const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const ratio = (value: number | null): string => (value === null ? '—' : `×${value.toFixed(2)}`);
  for (const group of comparisons) {
    const row = document.createElement('tr');
    row.dataset['group'] = group.id;
    // Closer to ×1 is closer to the real share: say which set is.
    const distance = (value: number | null): number => (value === null || value <= 0 ? Infinity : Math.abs(Math.log(value)));
    row.dataset['closer'] = distance(group.magnet.ratio) < distance(group.standard.ratio) ? 'magnet' : distance(group.standard.ratio) < distance(group.magnet.ratio) ? 'standard' : 'same';
    row.append(
      element('td', '', group.label),
      element('td', '', percent(group.realShare)),
      element('td', '', percent(group.standard.share)),
      element('td', 'ratio', ratio(group.standard.ratio)),
      element('td', '', percent(group.magnet.share)),
      element('td', 'ratio', ratio(group.magnet.ratio)),
    );
    row.title = group.id;
    table.append(row);
  }
  return table;
}

function headerRow(titles: readonly string[]): HTMLElement {
  const row = document.createElement('tr');
  row.append(...titles.map((title) => element('th', '', title)));
  return row;
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
