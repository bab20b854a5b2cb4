/**
 * Which snapshot the Projection panel's players section shows: the newest while the panel follows
 * the latest snapshot, else the one selected on its timeline. Only the newest snapshot's arrays stay
 * in memory, so an earlier one is read back from the stream; while the slider is dragged, reads
 * overlap and only the answer to the newest request counts.
 */
import type { PlayersPanelView } from '../../protocol/projectionPanel';
import type { SnapshotRecord } from '../../protocol/stream';
import { playersOf, playersPanelView, type SnapshotMetricsEntry } from './playersPanelView';

export interface PlayersSource {
  /** Every snapshot of the run so far, in order (the timeline). */
  readonly frames: readonly SnapshotMetricsEntry[];
  /** The newest snapshot with its arrays, and its index in `frames`. */
  readonly latest: { readonly index: number; readonly record: SnapshotRecord } | undefined;
  /** Reads snapshot `index` back from the stream. */
  read(index: number): Promise<SnapshotRecord>;
}

export class PlayersSelection {
  /** The timeline index the panel shows, or null while it follows the newest snapshot. */
  private selected: number | null = null;
  private request = 0;

  constructor(
    private readonly source: PlayersSource,
    /** Receives the section's content (null hides it) for the latest request only. */
    private readonly show: (view: PlayersPanelView | null) => void,
    private readonly problem: (message: string) => void,
  ) {}

  /** The panel moved its timeline (null: it follows the newest snapshot again). */
  select(index: number | null): Promise<void> {
    this.selected = index;
    return this.refresh();
  }

  /** New snapshots arrived: only a panel that follows the newest one changes what it shows. */
  onNewSnapshots(): Promise<void> {
    return this.selected === null ? this.refresh() : Promise.resolve();
  }

  /** Shows the current selection again (after a reset of the panel, say). */
  async refresh(): Promise<void> {
    const request = ++this.request;
    const { frames, latest } = this.source;
    const index = this.selected === null || this.selected >= frames.length ? latest?.index : this.selected;
    const frame = index === undefined ? undefined : frames[index];
    if (index === undefined || !frame) {
      this.show(null);
      return;
    }
    // A single-player run has no players section; its snapshots need not be read to know that.
    if (playersOf(frame.metrics) < 2) {
      this.show(null);
      return;
    }
    let record: SnapshotRecord;
    try {
      record = latest && latest.index === index && latest.record.iteration === frame.iteration ? latest.record : await this.source.read(index);
    } catch (error) {
      if (request === this.request) this.problem(`could not read the players of the snapshot at iteration ${frame.iteration}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (request !== this.request) return;
    this.show(playersPanelView(record, frames.slice(0, index + 1)));
  }
}
