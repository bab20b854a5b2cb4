import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { BeforeAfter, GroupChange, InterventionReport, ValueChange } from '../../src/core/analysis/beforeAfter';
import { describeSnapshots, formatFrechet, formatRatio, frechetDirection, ratioDirection, type ChangeDirection } from '../../src/core/analysis/interventionFormat';

/**
 * The "Before / after" section: each intervention (newest first) with the snapshots compared and a
 * table per attribute group of share ratio and Fréchet distance, before → after. Counts are exposed
 * as data attributes for tests that drive the real panel.
 */
export class InterventionsView {
  private readonly list: HTMLElement;

  constructor(
    private readonly section: HTMLElement & { heading: string; description: string },
    private readonly onShowIteration: (iteration: number) => void,
  ) {
    section.heading = 'Before / after';
    this.list = document.createElement('div');
    this.list.className = 'interventions-body';
    section.append(this.list);
    this.list.addEventListener('click', (event) => {
      const iteration = (event.target as HTMLElement).closest<HTMLElement>('[data-show-iteration]')?.dataset['showIteration'];
      if (iteration !== undefined) this.onShowIteration(Number(iteration));
    });
  }

  show(reports: readonly InterventionReport[]): void {
    const section = this.section;
    section.hidden = reports.length === 0;
    section.dataset['count'] = String(reports.length);
    section.dataset['provisional'] = String(reports.filter((report) => report.comparison.provisional).length);
    section.description = `${reports.length} intervention${reports.length === 1 ? '' : 's'}`;
    this.list.replaceChildren(...[...reports].reverse().map(renderReport));
  }
}

function renderReport({ intervention, comparison }: InterventionReport): HTMLElement {
  const item = document.createElement('article');
  item.className = 'intervention';
  item.dataset['kind'] = intervention.kind;
  item.dataset['iteration'] = String(intervention.iteration);
  item.dataset['provisional'] = String(comparison.provisional);
  item.dataset['groups'] = String(comparison.groups.length);

  const title = document.createElement('h3');
  title.textContent = `Iteration ${intervention.iteration.toLocaleString('en-US')}: ${intervention.summary}`;
  if (intervention.message) title.title = intervention.message;

  const compared = document.createElement('p');
  compared.className = 'compared';
  compared.append(describeSnapshots(comparison), ...showLinks(comparison));
  if (comparison.provisional) compared.dataset['provisional'] = 'true';

  const parts: HTMLElement[] = [title, compared, overallLine(comparison.overallFrechet)];
  if (comparison.mixedWith.length > 0) {
    const mixed = document.createElement('p');
    mixed.className = 'mixed';
    mixed.textContent = `Also in this window: ${comparison.mixedWith.join('; ')}`;
    parts.push(mixed);
  }
  if (comparison.groups.length > 0) parts.push(groupTable(comparison.groups));
  item.append(...parts);
  return item;
}

/** Buttons that move the timeline to the two snapshots compared. */
function showLinks(comparison: BeforeAfter): HTMLElement[] {
  const links: HTMLElement[] = [];
  const link = (label: string, iteration: number): HTMLElement => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.dataset['showIteration'] = String(iteration);
    button.textContent = label;
    button.title = `Show the snapshot at iteration ${iteration.toLocaleString('en-US')}`;
    return button;
  };
  if (comparison.before) links.push(link('show before', comparison.before.iteration));
  if (comparison.after) links.push(link('show after', comparison.after.iteration));
  return links;
}

function overallLine(change: ValueChange): HTMLElement {
  const line = document.createElement('p');
  line.className = 'overall';
  line.append('Overall Fréchet distance: ', changeCell('span', change, formatFrechet, frechetDirection(change)));
  return line;
}

function groupTable(groups: readonly GroupChange[]): HTMLTableElement {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const [text, hint] of [
    ['Group', ''],
    ['Share ratio', 'Share among generated samples / share among real ones: 1 is right, below 1 under-represented'],
    ['Fréchet distance', "Distance between the group's real and generated samples in the evaluator's features: lower is better"],
  ] as const) {
    const cell = document.createElement('th');
    cell.textContent = text;
    if (hint) cell.title = hint;
    head.append(cell);
  }
  const body = table.createTBody();
  for (const group of groups) {
    const row = body.insertRow();
    row.dataset['group'] = group.id;
    if (group.intervened) row.dataset['intervened'] = 'true';
    const name = document.createElement('td');
    name.textContent = group.intervened ? `${group.label} (intervened)` : group.label;
    name.title = group.id;
    row.append(name, changeCell('td', group.ratio, formatRatio, ratioDirection(group.ratio)), changeCell('td', group.frechet, formatFrechet, frechetDirection(group.frechet)));
  }
  return table;
}

function changeCell<K extends 'td' | 'span'>(tag: K, change: ValueChange, format: (value: number | null) => string, direction: ChangeDirection): HTMLElementTagNameMap[K] {
  const cell = document.createElement(tag);
  cell.className = 'change';
  cell.dataset['direction'] = direction;
  cell.textContent = `${format(change.before)} → ${format(change.after)}`;
  if (direction === 'better' || direction === 'worse') cell.title = direction;
  return cell;
}
