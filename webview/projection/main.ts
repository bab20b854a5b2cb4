import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { HostToProjectionMessage, RunStatusView, SnapshotFrame } from '../../src/protocol/projectionPanel';
import { boundsOf } from './bounds';
import { LossChart } from './lossChart';
import { ScatterView } from './scatterView';
import styles from './style.css';
import { vscode } from './vscodeApi';

interface PanelModel {
  configUri: string | undefined;
  runDir: string | undefined;
  frames: SnapshotFrame[];
  selected: number;
  follow: boolean;
  status: RunStatusView | undefined;
}

const saved = vscode.getState() as { selectedIndex?: number; follow?: boolean } | undefined;
const model: PanelModel = {
  configUri: undefined,
  runDir: undefined,
  frames: [],
  selected: saved?.selectedIndex ?? 0,
  follow: saved?.follow ?? true,
  status: undefined,
};

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
  </header>
  <p id="message"></p>
  <main>
    <section class="plot">
      <canvas id="projection-canvas" role="img" aria-label="Real and generated samples of the selected snapshot"></canvas>
    </section>
    <section class="plot">
      <canvas id="loss-canvas" role="img" aria-label="Discriminator and generator loss per snapshot"></canvas>
    </section>
  </main>
  <div class="timeline">
    <vscode-button id="previous-button" secondary title="Previous snapshot" aria-label="Previous snapshot">◀</vscode-button>
    <input id="timeline" type="range" min="0" max="0" value="0" step="1" aria-label="Snapshot">
    <vscode-button id="next-button" secondary title="Next snapshot" aria-label="Next snapshot">▶</vscode-button>
    <vscode-checkbox id="follow" checked>Follow latest</vscode-checkbox>
    <span id="snapshot-status" data-snapshot-count="0" data-points="0">no snapshot yet</span>
  </div>`;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const timeline = element<HTMLInputElement>('timeline');
const followBox = element<HTMLElement & { checked: boolean }>('follow');
const snapshotStatus = element<HTMLElement>('snapshot-status');
const scatter = new ScatterView(element<HTMLCanvasElement>('projection-canvas'));
const losses = new LossChart(element<HTMLCanvasElement>('loss-canvas'));

followBox.checked = model.follow;
element('start-button').addEventListener('click', () => vscode.postMessage({ type: 'command', command: 'start' }));
element('stop-button').addEventListener('click', () => vscode.postMessage({ type: 'command', command: 'stop' }));
element('pause-button').addEventListener('click', () =>
  vscode.postMessage({ type: 'command', command: model.status?.phase === 'paused' ? 'resume' : 'pause' }),
);
element('previous-button').addEventListener('click', () => select(model.selected - 1, false));
element('next-button').addEventListener('click', () => select(model.selected + 1, false));
timeline.addEventListener('input', () => select(Number(timeline.value), false));
followBox.addEventListener('change', () => {
  model.follow = followBox.checked;
  if (model.follow) select(model.frames.length - 1, true);
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
      // The host follows a reset with every frame of the run, so nothing shown before may survive it.
      const sameRun = message.runDir === model.runDir;
      model.frames = [];
      if (!sameRun) model.selected = 0;
      model.configUri = message.configUri;
      model.runDir = message.runDir;
      showStatus(message.status);
      render();
      saveState();
      break;
    }
    case 'frames':
      for (const frame of message.frames) {
        // Frames are numbered by the host; a repeat (after a reconnect) replaces rather than duplicates.
        model.frames[frame.index] = frame;
      }
      scatter.setBounds(boundsOf(model.frames));
      losses.setFrames(model.frames);
      if (model.follow) model.selected = model.frames.length - 1;
      render();
      break;
    case 'status':
      showStatus(message.status);
      break;
    case 'streamError':
      showMessage(message.message, 'error');
      break;
  }
}

function select(index: number, following: boolean): void {
  if (model.frames.length === 0) return;
  model.selected = Math.max(0, Math.min(model.frames.length - 1, index));
  if (!following && model.selected !== model.frames.length - 1 && model.follow) {
    model.follow = false;
    followBox.checked = false;
  }
  render();
  saveState();
}

function render(): void {
  const count = model.frames.length;
  timeline.max = String(Math.max(0, count - 1));
  timeline.disabled = count < 2;
  const frame = model.frames[Math.min(model.selected, count - 1)];
  if (!frame) {
    scatter.clear();
    snapshotStatus.textContent = 'no snapshot yet';
    snapshotStatus.dataset['snapshotCount'] = '0';
    snapshotStatus.dataset['points'] = '0';
    return;
  }
  timeline.value = String(frame.index);
  const points = scatter.show(frame);
  losses.highlight(frame.iteration);
  snapshotStatus.dataset['snapshotCount'] = String(count);
  snapshotStatus.dataset['points'] = String(points);
  snapshotStatus.dataset['iteration'] = String(frame.iteration);
  snapshotStatus.textContent =
    `snapshot ${frame.index + 1}/${count} · iteration ${frame.iteration.toLocaleString('en-US')} · ` +
    `${frame.real.length / 2} real · ${frame.generated.length / 2} generated`;
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
  });
}

function injectStyles(nonce: string): void {
  const style = document.createElement('style');
  style.nonce = nonce;
  style.textContent = styles;
  document.head.appendChild(style);
}
