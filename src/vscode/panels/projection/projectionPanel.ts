import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  isProjectionToHostMessage,
  type HostToProjectionMessage,
  type MagnetComparisonPanelView,
  type PanelHighlight,
  type ProjectionCommand,
  type ProjectionToHostMessage,
  type SnapshotFrame,
  type ViewFrame,
} from '../../../protocol/projectionPanel';
import { PlayersSelection } from '../../../core/analysis/playersSelection';
import { readSnapshotAt } from '../../../core/monitor/readSnapshotAt';
import { STREAM_FILE_NAME } from '../../../protocol/stream';
import { Disposable } from '../../dispose';
import type { Run } from '../../runs/run';
import type { ProjectionUpdate } from '../../runs/runProjections';
import { PanelInterventions } from './panelInterventions';
import { projectionHtml } from './projectionHtml';

export const PROJECTION_VIEW_TYPE = 'genmon.projection';
/** The panel's "Sample uniformly" button runs this command (src/vscode/magnet/sampleUniformly.ts). */
const SAMPLE_UNIFORMLY_COMMAND = 'genmon.sampleUniformly';

type MagnetStatus = Extract<HostToProjectionMessage, { type: 'magnetStatus' }>['status'];

const PANEL_COMMANDS: Record<ProjectionCommand, string> = {
  start: 'genmon.startTraining',
  pause: 'genmon.pauseTraining',
  resume: 'genmon.resumeTraining',
  stop: 'genmon.stopTraining',
  augment: 'genmon.augmentData',
};

/** Snapshots and maps are sent in batches so that a long run reopened at once does not post one huge message. */
const SNAPSHOTS_PER_MESSAGE = 20;
const COORDINATES_PER_MESSAGE = 200_000;

/** The Projection panel of one config: it shows whichever run that config has now. */
export class ProjectionPanel extends Disposable {
  private run: Run | undefined;
  private runSubscription: vscode.Disposable | undefined;
  private interventions: PanelInterventions | undefined;
  private players: PlayersSelection | undefined;
  private ready = false;
  private currentHighlight: PanelHighlight | null = null;
  /** The run's latest MaGNET comparison and sampling status, kept across a reload of the webview. */
  private magnetComparison: MagnetComparisonPanelView | null = null;
  private magnetStatus: MagnetStatus = null;
  private readonly disposeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly configUri: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    const fileName = path.basename(configUri.fsPath);
    panel.title = `Projection — ${fileName}`;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    };
    panel.webview.html = projectionHtml(panel.webview, extensionUri, panel.title);
    this.register(panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)));
    this.register(
      panel.onDidDispose(() => {
        this.disposeEmitter.fire();
        this.dispose();
      }),
    );
    this.register({ dispose: () => this.runSubscription?.dispose() });
  }

  get currentRun(): Run | undefined {
    return this.run;
  }

  attach(run: Run | undefined): void {
    this.runSubscription?.dispose();
    // A comparison belongs to the run whose samples it shows.
    if (run !== this.run) {
      this.magnetComparison = null;
      this.magnetStatus = null;
    }
    this.run = run;
    this.interventions = undefined;
    this.players = undefined;
    if (run) {
      const players = this.playersOf(run);
      this.players = players;
      // Created first, so that on a restarted stream it has cleared its maps before this panel resends.
      const projections = run.projections;
      const subscriptions = [
        run.onDidChange((change) => {
          if (change.restarted) {
            this.sendEverything();
            return;
          }
          if (change.newFrames.length > 0) {
            this.postSnapshots(change.newFrames);
            void players.onNewSnapshots();
          }
          if (change.streamError) this.post({ type: 'streamError', message: change.streamError });
          this.post({ type: 'status', status: run.status });
        }),
        projections.onDidUpdate((update) => this.postProjection(update)),
      ];
      // Owned with the subscriptions: attaching another run (or none) disposes it.
      const interventions = new PanelInterventions(run, this.log);
      subscriptions.push(interventions, interventions.onDidChange((reports) => this.post({ type: 'interventions', interventions: reports })));
      this.interventions = interventions;
      this.runSubscription = vscode.Disposable.from(...subscriptions);
    } else {
      this.runSubscription = undefined;
    }
    if (this.ready) this.sendEverything();
  }

  /** Rings an alert's points on the map (kept across a reload of the webview; null clears). */
  highlight(highlight: PanelHighlight | null): void {
    this.currentHighlight = highlight;
    this.post({ type: 'highlight', highlight });
  }

  /** Shows the "MaGNET vs standard" section (Genmon: Sample Uniformly (MaGNET)). */
  showMagnetComparison(view: MagnetComparisonPanelView): void {
    this.magnetComparison = view;
    this.post({ type: 'magnetComparison', view });
  }

  /** While samples are drawn, or why they were not; null clears it. */
  showMagnetStatus(status: MagnetStatus): void {
    this.magnetStatus = status;
    this.post({ type: 'magnetStatus', status });
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(this.panel.viewColumn, preserveFocus);
  }

  private onMessage(raw: unknown): void {
    if (!isProjectionToHostMessage(raw)) {
      this.log.warn(`[projection] ignored a malformed message from the panel: ${safeDescribe(raw)}`);
      return;
    }
    const message: ProjectionToHostMessage = raw;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendEverything();
        break;
      case 'command':
        void vscode.commands.executeCommand(PANEL_COMMANDS[message.command], this.configUri);
        break;
      case 'sampleUniformly':
        void vscode.commands.executeCommand(SAMPLE_UNIFORMLY_COMMAND, this.configUri);
        break;
      case 'selectSnapshot':
        void this.players?.select(message.index);
        break;
      case 'log':
        if (message.level === 'error') this.log.error(`[projection] ${message.message}`);
        else this.log.info(`[projection] ${message.message}`);
        break;
    }
  }

  private sendEverything(): void {
    const run = this.run;
    const status = run?.status ?? {
      title: path.basename(this.configUri.fsPath),
      phase: 'waiting' as const,
      iteration: 0,
      message: 'No run yet: run Genmon: Start Training on this config.',
    };
    this.post({ type: 'reset', configUri: this.configUri.toString(), ...(run ? { runDir: run.runDir } : {}), status });
    if (!run) return;
    this.postSnapshots(run.timeline.frames);
    // The webview tells its selection again after the reset; until then its players are the newest.
    void this.players?.select(null);
    this.postViewFrames(run.projections.table.all());
    for (const problem of run.timeline.frameProblems.slice(-1)) this.post({ type: 'projectionProblem', message: problem });
    if (this.currentHighlight) this.post({ type: 'highlight', highlight: this.currentHighlight });
    if (this.interventions) this.post({ type: 'interventions', interventions: this.interventions.current });
    this.post({ type: 'magnetComparison', view: this.magnetComparison });
    this.post({ type: 'magnetStatus', status: this.magnetStatus });
  }

  private postSnapshots(snapshots: readonly SnapshotFrame[]): void {
    for (let start = 0; start < snapshots.length; start += SNAPSHOTS_PER_MESSAGE) {
      this.post({ type: 'snapshots', snapshots: snapshots.slice(start, start + SNAPSHOTS_PER_MESSAGE) });
    }
  }

  /** Multi-player runs: every player at the snapshot the timeline shows, and the auction up to it; null hides the section. */
  private playersOf(run: Run): PlayersSelection {
    const streamFile = path.join(run.runDir, STREAM_FILE_NAME);
    const source = {
      get frames() {
        return run.timeline.frames;
      },
      get latest() {
        return run.latestSnapshot;
      },
      read: (index: number) => {
        const offset = run.timeline.offsetOf(index);
        return offset === undefined ? Promise.reject(new Error('its place in the stream is unknown')) : readSnapshotAt(streamFile, offset);
      },
    };
    const selection: PlayersSelection = new PlayersSelection(
      source,
      // A read that ends after another run was attached is for a panel that no longer shows its run.
      (view) => {
        if (this.players === selection) this.post({ type: 'players', view });
      },
      (message) => this.log.warn(`[${run.title}] ${message}`),
    );
    return selection;
  }

  private postProjection(update: ProjectionUpdate): void {
    switch (update.kind) {
      case 'frames':
        this.postViewFrames(update.frames);
        break;
      case 'quality':
        this.post({ type: 'quality', view: update.view, snapshotIndex: update.snapshotIndex, quality: update.quality });
        break;
      case 'problem':
        this.post({ type: 'projectionProblem', message: update.message });
        break;
    }
  }

  private postViewFrames(frames: readonly ViewFrame[]): void {
    let batch: ViewFrame[] = [];
    let size = 0;
    for (const frame of frames) {
      if (batch.length > 0 && size + frame.coordinates.length > COORDINATES_PER_MESSAGE) {
        this.post({ type: 'viewFrames', frames: batch });
        batch = [];
        size = 0;
      }
      batch.push(forDisplay(frame));
      size += frame.coordinates.length;
    }
    if (batch.length > 0) this.post({ type: 'viewFrames', frames: batch });
  }

  private post(message: HostToProjectionMessage): void {
    if (!this.ready || this.isDisposed) return;
    void this.panel.webview.postMessage(message);
  }
}

/**
 * Maps are laid out within about ±10: five decimals are far finer than a pixel, and keep the JSON
 * the webview receives a third of the size of float32 values printed in full.
 */
function forDisplay(frame: ViewFrame): ViewFrame {
  return { ...frame, coordinates: frame.coordinates.map((value) => Math.round(value * 1e5) / 1e5) };
}

function safeDescribe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return typeof value;
  }
}
