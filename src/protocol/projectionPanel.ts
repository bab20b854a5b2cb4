/**
 * Messages between the extension host and the Projection webview panel.
 * Both sides switch over these unions in one handler each, so adding a message is a compile error
 * until both sides handle it.
 */
import type { InterventionReport } from '../core/analysis/beforeAfter';
import type { MagnetComparison } from '../core/analysis/magnetComparison';
import type { ProjectionLayoutKind, ProjectionStage, ProjectionViewName } from './projection';

export type RunPhase = 'starting' | 'running' | 'paused' | 'stopping' | 'completed' | 'stopped' | 'error' | 'interrupted' | 'waiting';

/** What the panel shows about the run in its header. */
export interface RunStatusView {
  readonly title: string;
  readonly phase: RunPhase;
  readonly iteration: number;
  readonly maxIterations?: number;
  readonly stepsPerSecond?: number;
  readonly backend?: string;
  readonly runDir?: string;
  readonly message?: string;
}

/**
 * One view of a snapshot. Data with at most two columns is drawn as it is: `coordinates` holds it
 * (row-major [x0, y0, x1, y1, …], real rows first; one column becomes two strips, real rows at y = 1
 * and generated rows at y = 0). Wider data is projected in the background and arrives later as `ViewFrame`s.
 */
export interface SnapshotViewInfo {
  readonly view: ProjectionViewName;
  readonly dim: number;
  readonly nReal: number;
  readonly nGenerated: number;
  readonly coordinates?: readonly number[];
}

/** The evaluator's predicted value of one attribute for each generated sample (colours the latent view). */
export interface PredictedAttribute {
  readonly name: string;
  readonly values: readonly string[];
  /** Per generated row: an index into `values`, or -1 when unknown. */
  readonly indices: readonly number[];
}

/** One snapshot as the panel knows it: its iteration, metrics and which views it has. */
export interface SnapshotFrame {
  readonly index: number;
  readonly iteration: number;
  readonly time: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly views: readonly SnapshotViewInfo[];
  readonly generatedAttribute?: PredictedAttribute;
}

/** How faithful a view's map of one snapshot is (docs/projection.md). */
export interface ViewQuality {
  readonly trustworthiness: number;
  readonly trustworthinessK: number;
  /** Median displacement since the previous refined frame, in map diameters; null on a view's first. */
  readonly stabilityReal: number | null;
  readonly stabilityGenerated: number | null;
}

/** A view's 2-D map of one snapshot: 'exact' for data drawn as is, else how the engine made it. */
export type ViewFrameLayout = ProjectionLayoutKind | 'exact';

export interface ViewFrame {
  readonly view: ProjectionViewName;
  readonly snapshotIndex: number;
  readonly iteration: number;
  readonly stage: ProjectionStage;
  readonly layout: ViewFrameLayout;
  readonly nReal: number;
  readonly nGenerated: number;
  /** [x0, y0, x1, y1, …], real rows first, then generated rows in latent-bank order. */
  readonly coordinates: readonly number[];
  readonly quality?: ViewQuality;
  /** Read from the run's projection cache rather than computed in this session. */
  readonly cached?: boolean;
}

/** What the panel keeps in `setState`, so a reloaded window can restore it. */
export interface ProjectionPanelState {
  readonly configUri: string;
  readonly runDir?: string;
  readonly selectedIndex?: number;
  readonly follow?: boolean;
  readonly view?: ProjectionViewName;
}

/** Points an alert is about, drawn over the map (src/core/analysis/alertHighlight.ts chooses them). */
export interface PanelHighlight {
  readonly alertId: string;
  readonly message: string;
  readonly severity: 'info' | 'warning' | 'error';
  /** Rows of the real reference and of the latent bank: the same rows in every snapshot. */
  readonly realRows: readonly number[];
  readonly generatedRows: readonly number[];
  /** What the rows are, for the legend: "real circle+red" / "nearest generated". */
  readonly realLabel: string;
  readonly generatedLabel: string;
}

/** Images of one sample set: 8-bit HWC thumbnails, `count` of them, row-major. */
export interface ThumbnailGrid {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly data: readonly number[];
}

/** One set of a `sampled` event as the panel draws it: its 2-D points, or its thumbnails. */
export interface MagnetSetPanelView {
  readonly set: 'standard' | 'magnet';
  readonly count: number;
  /** 2-D data only: [x0, y0, x1, y1, …]. */
  readonly points?: readonly number[];
  readonly thumbnails?: ThumbnailGrid;
}

/** The "MaGNET vs standard" section (Genmon: Sample Uniformly (MaGNET)): both sets and their measures. */
export interface MagnetComparisonPanelView {
  readonly comparison: MagnetComparison;
  /** 2-D data only: the real reference, drawn under both sets. */
  readonly realPoints?: readonly number[];
  readonly sets: readonly MagnetSetPanelView[];
}

/** One player of a multi-player run, at the snapshot a PlayersPanelView shows. */
export interface PlayerPanelView {
  readonly player: number;
  /** 2-D data: the player's generated points [x0, y0, x1, y1, …]; absent for wider data (images). */
  readonly points?: readonly number[];
  /** Mean of each loss over the window before the snapshot (`player<i>.<loss>` metrics). */
  readonly losses: Readonly<Record<string, number>>;
  /** The player's score in the latest auction; null before the first or when not finite. */
  readonly score: number | null;
}

/** A multi-player (auction) run for the panel's players section (docs/projection.md). */
export interface PlayersPanelView {
  readonly iteration: number;
  readonly count: number;
  /** The player the unprefixed arrays (the main view) show: the latest auction's winner. */
  readonly reference: number;
  readonly players: readonly PlayerPanelView[];
  /** 2-D data: the real reference points, drawn under every player's. */
  readonly realPoints?: readonly number[];
  /** The latest auction's bids: row = bidder discriminator, column = seller generator; absent before the first. */
  readonly bids?: readonly (readonly number[])[];
  readonly realBids?: readonly number[];
  /** Every snapshot's scores so far, one entry per snapshot with an auction, one value per player (null: not finite). */
  readonly scoreHistory: readonly { readonly iteration: number; readonly scores: readonly (number | null)[] }[];
}

export type HostToProjectionMessage =
  | { readonly type: 'reset'; readonly configUri: string; readonly runDir?: string; readonly status: RunStatusView }
  | { readonly type: 'snapshots'; readonly snapshots: readonly SnapshotFrame[] }
  | { readonly type: 'viewFrames'; readonly frames: readonly ViewFrame[] }
  | { readonly type: 'quality'; readonly view: ProjectionViewName; readonly snapshotIndex: number; readonly quality: ViewQuality }
  | { readonly type: 'status'; readonly status: RunStatusView }
  | { readonly type: 'streamError'; readonly message: string }
  | { readonly type: 'projectionProblem'; readonly message: string }
  /** Show an alert's points; null clears it. */
  | { readonly type: 'highlight'; readonly highlight: PanelHighlight | null }
  /**
   * Every intervention of the run (docs/interventions.md) with its before/after comparison, the
   * whole list each time: it replaces what the panel showed.
   */
  | { readonly type: 'interventions'; readonly interventions: readonly InterventionReport[] }
  /** The latest MaGNET comparison of the run; null clears the section (another run). */
  | { readonly type: 'magnetComparison'; readonly view: MagnetComparisonPanelView | null }
  /** While a `sample` is drawn, and why one failed; null clears the line. */
  | { readonly type: 'magnetStatus'; readonly status: { readonly text: string; readonly kind: 'busy' | 'error' } | null }
  /** Multi-player runs: every player at the latest snapshot and the auction so far; null hides the section (a single-player run). */
  | { readonly type: 'players'; readonly view: PlayersPanelView | null };

export type ProjectionCommand = 'start' | 'pause' | 'resume' | 'stop' | 'augment';
const PROJECTION_COMMANDS: readonly string[] = ['start', 'pause', 'resume', 'stop', 'augment'];

export type ProjectionToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'command'; readonly command: ProjectionCommand }
  /** The panel's "Sample uniformly" button: runs Genmon: Sample Uniformly (MaGNET) for this config. */
  | { readonly type: 'sampleUniformly' }
  /** The timeline moved: the snapshot index shown, or null while the panel follows the newest snapshot. */
  | { readonly type: 'selectSnapshot'; readonly index: number | null }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string };

/** Host-side guard: webview messages are untrusted input. */
export function isProjectionToHostMessage(value: unknown): value is ProjectionToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; command?: unknown; level?: unknown; message?: unknown; index?: unknown };
  switch (message.type) {
    case 'ready':
    case 'sampleUniformly':
      return true;
    case 'command':
      return typeof message.command === 'string' && PROJECTION_COMMANDS.includes(message.command);
    case 'selectSnapshot':
      return message.index === null || (typeof message.index === 'number' && Number.isSafeInteger(message.index) && message.index >= 0);
    case 'log':
      return (message.level === 'info' || message.level === 'error') && typeof message.message === 'string';
    default:
      return false;
  }
}
