import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { axesFor, coordinateRange, type Bounds } from '../../src/core/monitor/viewBounds';
import { exactFrames, ViewFrameTable, type ShownFrame } from '../../src/core/monitor/viewFrameTable';
import { describeShown, VIEW_LABELS } from '../../src/core/monitor/viewStatus';
import type { InterventionReport } from '../../src/core/analysis/beforeAfter';
import { PROJECTION_VIEW_NAMES, type ProjectionViewName } from '../../src/protocol/projection';
import type { HostToProjectionMessage, PanelHighlight, RunStatusView, SnapshotFrame, ViewFrame } from '../../src/protocol/projectionPanel';
import { InterventionsView } from './interventionsView';
import { LossChart } from './lossChart';
import { MagnetView } from './magnetView';
import { PlayersView } from './playersView';
import { ScatterView } from './scatterView';
import styles from './style.css';
import { categoryColors } from './theme';
import { TimelineMarkers } from './timelineMarkers';
import { vscode } from './vscodeApi';

interface PanelModel {
  configUri: string | undefined;
  runDir: string | undefined;
  snapshots: SnapshotFrame[];
  frames: ViewFrameTable;
  view: ProjectionViewName | undefined;
  selected: number;
  follow: boolean;
  status: RunStatusView | undefined;
  highlight: PanelHighlight | null;
  interventions: readonly InterventionReport[];
}

const saved = vscode.getState() as { selectedIndex?: number; follow?: boolean; view?: string } | undefined;
const model: PanelModel = {
  configUri: undefined,
  runDir: undefined,
  snapshots: [],
  frames: new ViewFrameTable(),
  view: PROJECTION_VIEW_NAMES.find((name) => name === saved?.view),
  selected: saved?.selectedIndex ?? 0,
  follow: saved?.follow ?? true,
  status: undefined,
  highlight: null,
  interventions: [],
};
/** The selection last told to the host (undefined: not yet, or a reset since), so a render tells it only of changes. */
let sentSelection: number | null | undefined;
/** Each frame's coordinate range, computed once: the axes are the union over a view's frames. */
const ranges = new WeakMap<ViewFrame, Bounds | undefined>();

const app = document.getElementById('app') as HTMLElement;
injectStyles(app.dataset['nonce'] ?? '');
app.innerHTML = `
  <header>
    <h1 id="run-title">Projection</h1>
    <span id="run-phase" class="phase" role="status" aria-live="polite"></span>
    <span class="spacer"></span>
    <vscode-button id="start-button" title="Genmon: Start Training">Start</vscode-button>
    <vscode-button id="pause-button" secondary title="Genmon: Pause Training">Pause</vscode-button>
    <vscode-button id="stop-button" secondary title="Genmon: Stop Training">Stop</vscode-button>
    <vscode-button id="augment-button" secondary title="Genmon: Augment Data…: pause, then reweight, add images for or synthesize an attribute group, and resume">Augment…</vscode-button>
    <vscode-button id="sample-button" secondary title="Genmon: Sample Uniformly (MaGNET): compare standard and MaGNET samples with the real data">Sample uniformly</vscode-button>
  </header>
  <p id="message"></p>
  <div id="alert-banner" role="alert" hidden><span id="alert-text"></span><vscode-button id="alert-clear" secondary title="Stop highlighting this alert's points">Clear</vscode-button></div>
  <main>
    <section class="plot projection">
      <div class="view-bar">
        <div id="view-tabs" role="tablist" aria-label="View"></div>
        <span id="view-status" data-stage="none"></span>
      </div>
      <p id="projection-problem" hidden></p>
      <div id="attribute-legend" hidden></div>
      <div class="canvas-box"><canvas id="projection-canvas" role="img" aria-label="Real and generated samples of the selected snapshot"></canvas></div>
    </section>
    <section class="plot">
      <canvas id="loss-canvas" role="img" aria-label="Discriminator and generator loss per snapshot"></canvas>
    </section>
  </main>
  <div class="timeline">
    <vscode-button id="previous-button" secondary title="Previous snapshot" aria-label="Previous snapshot">◀</vscode-button>
    <div class="timeline-track">
      <input id="timeline" type="range" min="0" max="0" value="0" step="1" aria-label="Snapshot">
      <div id="timeline-markers" data-count="0" aria-hidden="true"></div>
    </div>
    <vscode-button id="next-button" secondary title="Next snapshot" aria-label="Next snapshot">▶</vscode-button>
    <vscode-checkbox id="follow" checked>Follow latest</vscode-checkbox>
    <span id="snapshot-status" data-snapshot-count="0" data-points="0">no snapshot yet</span>
  </div>
  <vscode-collapsible id="players" hidden></vscode-collapsible>
  <vscode-collapsible id="interventions" data-count="0" data-provisional="0" hidden></vscode-collapsible>
  <vscode-collapsible id="magnet-comparison" hidden></vscode-collapsible>`;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const timeline = element<HTMLInputElement>('timeline');
const followBox = element<HTMLElement & { checked: boolean }>('follow');
const snapshotStatus = element<HTMLElement>('snapshot-status');
const viewTabs = element<HTMLElement>('view-tabs');
const viewStatus = element<HTMLElement>('view-status');
const legend = element<HTMLElement>('attribute-legend');
const projectionProblem = element<HTMLElement>('projection-problem');
const alertBanner = element<HTMLElement>('alert-banner');
const alertText = element<HTMLElement>('alert-text');
const scatter = new ScatterView(element<HTMLCanvasElement>('projection-canvas'));
const losses = new LossChart(element<HTMLCanvasElement>('loss-canvas'));
const timelineMarkers = new TimelineMarkers(element<HTMLElement>('timeline-markers'));
const interventionsView = new InterventionsView(element<HTMLElement & { heading: string; description: string }>('interventions'), (iteration) => {
  const index = model.snapshots.findIndex((snapshot) => snapshot?.iteration === iteration);
  if (index >= 0) select(index, false);
});
const magnetView = new MagnetView(element<HTMLElement & { heading: string; description: string; open: boolean }>('magnet-comparison'));
const playersView = new PlayersView(element<HTMLElement & { heading: string; description: string; open: boolean }>('players'));
let shownViews = '';

followBox.checked = model.follow;
element('start-button').addEventListener('click', () => vscode.postMessage({ type: 'command', command: 'start' }));
element('stop-button').addEventListener('click', () => vscode.postMessage({ type: 'command', command: 'stop' }));
element('pause-button').addEventListener('click', () =>
  vscode.postMessage({ type: 'command', command: model.status?.phase === 'paused' ? 'resume' : 'pause' }),
);
element('sample-button').addEventListener('click', () => vscode.postMessage({ type: 'sampleUniformly' }));
element('augment-button').addEventListener('click', () => vscode.postMessage({ type: 'command', command: 'augment' }));
element('alert-clear').addEventListener('click', () => {
  model.highlight = null;
  showHighlight();
  render();
});
element('previous-button').addEventListener('click', () => select(model.selected - 1, false));
element('next-button').addEventListener('click', () => select(model.selected + 1, false));
timeline.addEventListener('input', () => select(Number(timeline.value), false));
followBox.addEventListener('change', () => {
  model.follow = followBox.checked;
  if (model.follow) select(model.snapshots.length - 1, true);
  saveState();
});
viewTabs.addEventListener('click', (event) => {
  const view = (event.target as HTMLElement).closest<HTMLElement>('[data-view]')?.dataset['view'];
  const chosen = PROJECTION_VIEW_NAMES.find((name) => name === view);
  if (!chosen) return;
  model.view = chosen;
  render();
  saveState();
});

window.addEventListener('message', (event: MessageEvent<HostToProjectionMessage>) => {
  try {
    handle(event.data);
  } catch (error) {
    vscode.postMessage({ type: 'log', level: 'error', message: `panel failed to handle '${event.data?.type}': ${String(error)}` });
  }
});
vscode.postMessage({ type: 'ready' });

function handle(message: HostToProjectionMessage): void {
  switch (message.type) {
    case 'reset': {
      // The host follows a reset with everything of the run, so nothing shown before may survive it.
      const sameRun = message.runDir === model.runDir;
      model.snapshots = [];
      model.frames = new ViewFrameTable();
      projectionProblem.hidden = true;
      if (!sameRun) {
        model.selected = 0;
        model.highlight = null;
        showHighlight();
      }
      // The host sends the run's MaGNET comparison again after a reset, if it has one.
      magnetView.show(null);
      magnetView.showStatus(null);
      // The host sends the players of a multi-player run again after a reset, for the selection
      // this panel tells it again.
      playersView.show(null);
      sentSelection = undefined;
      model.configUri = message.configUri;
      model.runDir = message.runDir;
      // The host sends the run's interventions again after a reset.
      model.interventions = [];
      showInterventions();
      showStatus(message.status);
      render();
      saveState();
      break;
    }
    case 'snapshots':
      for (const snapshot of message.snapshots) {
        // Snapshots are numbered by the host; a repeat (after a reconnect) replaces rather than duplicates.
        model.snapshots[snapshot.index] = snapshot;
        for (const frame of exactFrames(snapshot)) model.frames.put(frame);
      }
      losses.setFrames(model.snapshots);
      // Markers sit between snapshots: new snapshots move them along the slider.
      showTimelineMarkers();
      if (model.follow) model.selected = model.snapshots.length - 1;
      render();
      break;
    case 'viewFrames':
      for (const frame of message.frames) model.frames.put(frame);
      render();
      break;
    case 'quality':
      if (model.frames.setQuality(message.view, message.snapshotIndex, message.quality) && message.view === model.view) render();
      break;
    case 'status':
      showStatus(message.status);
      break;
    case 'streamError':
      showMessage(message.message, 'error');
      break;
    case 'projectionProblem':
      // Kept apart from the run's message line, which every status update rewrites.
      projectionProblem.textContent = message.message;
      projectionProblem.hidden = false;
      break;
    case 'highlight':
      model.highlight = message.highlight;
      showHighlight();
      render();
      break;
    case 'interventions':
      model.interventions = message.interventions;
      showInterventions();
      break;
    case 'magnetComparison':
      magnetView.show(message.view);
      break;
    case 'magnetStatus':
      magnetView.showStatus(message.status);
      break;
    case 'players':
      playersView.show(message.view);
      break;
  }
}

function showInterventions(): void {
  interventionsView.show(model.interventions);
  losses.setMarkers(model.interventions.map((report) => report.intervention.iteration));
  showTimelineMarkers();
}

function showTimelineMarkers(): void {
  // A snapshot not received yet (batches arrive in order, so rarely) takes its predecessor's iteration, keeping the order.
  let previous = 0;
  const iterations = Array.from(model.snapshots, (snapshot) => (previous = snapshot?.iteration ?? previous));
  timelineMarkers.show(
    model.interventions.map((report) => report.intervention),
    iterations,
  );
}

function showHighlight(): void {
  const highlight = model.highlight;
  alertBanner.hidden = highlight === null;
  alertBanner.dataset['severity'] = highlight?.severity ?? '';
  alertBanner.dataset['realRows'] = String(highlight?.realRows.length ?? 0);
  alertBanner.dataset['generatedRows'] = String(highlight?.generatedRows.length ?? 0);
  alertText.textContent = highlight ? `${highlight.message} — highlighted: ${highlight.realRows.length} ${highlight.realLabel}, ${highlight.generatedRows.length} ${highlight.generatedLabel}` : '';
}

function select(index: number, following: boolean): void {
  if (model.snapshots.length === 0) return;
  model.selected = Math.max(0, Math.min(model.snapshots.length - 1, index));
  if (!following && model.selected !== model.snapshots.length - 1 && model.follow) {
    model.follow = false;
    followBox.checked = false;
  }
  render();
  saveState();
}

/** Views any snapshot of the run has, in their fixed order. */
function availableViews(): ProjectionViewName[] {
  const present = new Set<ProjectionViewName>();
  for (const snapshot of model.snapshots) for (const info of snapshot?.views ?? []) present.add(info.view);
  return PROJECTION_VIEW_NAMES.filter((view) => present.has(view));
}

function renderTabs(views: readonly ProjectionViewName[]): void {
  const key = views.join(',');
  if (key !== shownViews) {
    shownViews = key;
    viewTabs.replaceChildren(
      ...views.map((view) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.setAttribute('role', 'tab');
        tab.dataset['view'] = view;
        tab.textContent = VIEW_LABELS[view];
        return tab;
      }),
    );
  }
  for (const tab of viewTabs.querySelectorAll<HTMLElement>('[data-view]')) {
    tab.setAttribute('aria-selected', String(tab.dataset['view'] === model.view));
  }
}

/** The players section shows the selected snapshot, which only the host can read back: tell it. */
function sendSelection(): void {
  if (model.snapshots.length === 0) return;
  const selection = model.follow ? null : model.selected;
  if (selection === sentSelection) return;
  sentSelection = selection;
  vscode.postMessage({ type: 'selectSnapshot', index: selection });
}

function render(): void {
  sendSelection();
  const count = model.snapshots.length;
  const views = availableViews();
  if (!model.view || !views.includes(model.view)) model.view = views[0];
  renderTabs(views);
  timeline.max = String(Math.max(0, count - 1));
  timeline.disabled = count < 2;
  const snapshot = model.snapshots[Math.min(model.selected, count - 1)];
  snapshotStatus.dataset['snapshotCount'] = String(count);
  if (!snapshot) {
    scatter.clear();
    snapshotStatus.textContent = 'no snapshot yet';
    snapshotStatus.dataset['points'] = '0';
    delete snapshotStatus.dataset['iteration'];
    showViewStatus(undefined, undefined);
    return;
  }
  timeline.value = String(snapshot.index);
  losses.highlight(snapshot.iteration);
  const view = model.view;
  const shown = view ? model.frames.shown(view, snapshot.index) : undefined;
  let points = 0;
  if (view && shown) {
    scatter.setBounds(axesFor(model.frames.frames(view).map(rangeOf)));
    const attribute = view === 'latent' && !shown.pending ? snapshot.generatedAttribute : undefined;
    const palette = attribute ? categoryColors(attribute.values.length) : [];
    // The alert's rows are of the real reference and latent bank, so they apply to any view that has them.
    points = scatter.show(shown.frame, attribute?.indices.map((value) => palette[value] ?? '#808080'), model.highlight ?? undefined);
    showLegend(attribute ? attribute.values.map((value, i) => [value, palette[i] ?? '']) : undefined, attribute?.name);
  } else {
    scatter.clear();
    showLegend(undefined, undefined);
  }
  snapshotStatus.dataset['points'] = String(points);
  snapshotStatus.dataset['iteration'] = String(snapshot.iteration);
  const info = snapshot.views.find((candidate) => candidate.view === view);
  snapshotStatus.textContent =
    `snapshot ${snapshot.index + 1}/${count} · iteration ${snapshot.iteration.toLocaleString('en-US')}` +
    (info ? ` · ${info.nReal} real · ${info.nGenerated} generated` : '');
  showViewStatus(snapshot, shown);
}

function showViewStatus(snapshot: SnapshotFrame | undefined, shown: ShownFrame | undefined): void {
  const described = describeShown(model.view, snapshot, shown);
  viewStatus.textContent = described.text;
  viewStatus.dataset['stage'] = described.stage;
  viewStatus.dataset['view'] = model.view ?? '';
  viewStatus.dataset['cached'] = String(!shown?.pending && shown?.frame.cached === true);
  if (!shown?.pending && shown?.frame.quality) viewStatus.dataset['trust'] = String(shown.frame.quality.trustworthiness);
  else delete viewStatus.dataset['trust'];
}

function rangeOf(frame: ViewFrame): Bounds | undefined {
  if (!ranges.has(frame)) ranges.set(frame, coordinateRange(frame.coordinates));
  return ranges.get(frame);
}

function showLegend(entries: readonly (readonly [string, string])[] | undefined, name: string | undefined): void {
  legend.hidden = !entries;
  if (!entries) return;
  const title = document.createElement('span');
  title.textContent = `generated, by predicted ${name ?? 'attribute'}:`;
  legend.replaceChildren(
    title,
    ...entries.map(([value, color]) => {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      // CSSOM, not a style attribute: the page's CSP allows no inline style markup.
      swatch.style.backgroundColor = color;
      item.append(swatch, value);
      return item;
    }),
  );
}

function showStatus(status: RunStatusView): void {
  model.status = status;
  element('run-title').textContent = status.title;
  const phase = element('run-phase');
  phase.dataset['phase'] = status.phase;
  const parts: string[] = [status.phase];
  parts.push(status.maxIterations ? `it ${status.iteration}/${status.maxIterations}` : `it ${status.iteration}`);
  if (status.phase === 'running' && status.stepsPerSecond) parts.push(`${status.stepsPerSecond.toFixed(0)} it/s`);
  if (status.backend) parts.push(status.backend);
  phase.textContent = parts.join(' · ');
  const active = status.phase === 'running' || status.phase === 'paused' || status.phase === 'starting' || status.phase === 'stopping';
  element<HTMLElement & { disabled: boolean }>('start-button').disabled = active;
  element<HTMLElement & { disabled: boolean }>('stop-button').disabled = !active || status.phase === 'stopping';
  const pause = element<HTMLElement & { disabled: boolean }>('pause-button');
  pause.disabled = status.phase !== 'running' && status.phase !== 'paused';
  pause.textContent = status.phase === 'paused' ? 'Resume' : 'Pause';
  element<HTMLElement & { disabled: boolean }>('sample-button').disabled = status.phase !== 'running' && status.phase !== 'paused';
  element<HTMLElement & { disabled: boolean }>('augment-button').disabled = status.phase !== 'running' && status.phase !== 'paused';
  pause.title = status.phase === 'paused' ? 'Genmon: Resume Training' : 'Genmon: Pause Training';
  showMessage(status.message ?? '', status.phase === 'error' || status.phase === 'interrupted' ? 'error' : 'info');
}

function showMessage(text: string, kind: 'info' | 'error'): void {
  const message = element('message');
  message.textContent = text;
  message.dataset['kind'] = kind;
}

function saveState(): void {
  if (!model.configUri) return;
  vscode.setState({
    configUri: model.configUri,
    ...(model.runDir ? { runDir: model.runDir } : {}),
    selectedIndex: model.selected,
    follow: model.follow,
    ...(model.view ? { view: model.view } : {}),
  });
}

function injectStyles(nonce: string): void {
  const style = document.createElement('style');
  style.nonce = nonce;
  style.textContent = styles;
  document.head.appendChild(style);
}
