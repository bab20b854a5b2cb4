import type { ProjectionViewName } from '../../protocol/projection';
import type { SnapshotFrame, ViewFrame, ViewQuality } from '../../protocol/projectionPanel';

/** The frame to draw for a snapshot: its own, or while that is still projecting the nearest earlier one. */
export interface ShownFrame {
  readonly frame: ViewFrame;
  /** True when `frame` belongs to an earlier snapshot because this one has no frame yet. */
  readonly pending: boolean;
}

/** Quality of data drawn as it is: every neighbour is a true neighbour; movement is not measured. */
export const EXACT_QUALITY: ViewQuality = { trustworthiness: 1, trustworthinessK: 10, stabilityReal: null, stabilityGenerated: null };

/**
 * Every view's frames of one run, by snapshot index. A refined frame replaces the snapshot's first
 * frame and is never replaced by a first frame arriving late (a cached map, then a recomputation).
 */
export class ViewFrameTable {
  private readonly byView = new Map<ProjectionViewName, (ViewFrame | undefined)[]>();

  /** Stores a frame; returns false when a refined frame of that snapshot is already there. */
  put(frame: ViewFrame): boolean {
    let frames = this.byView.get(frame.view);
    if (!frames) {
      frames = [];
      this.byView.set(frame.view, frames);
    }
    const existing = frames[frame.snapshotIndex];
    if (existing?.stage === 'refined' && frame.stage === 'first') return false;
    // A quality report may have come with the first frame's snapshot already; keep it unless replaced.
    const quality = frame.quality ?? (existing?.stage === 'refined' ? existing.quality : undefined);
    frames[frame.snapshotIndex] = quality ? { ...frame, quality } : frame;
    return true;
  }

  /** Attaches quality to a snapshot's frame; returns the updated frame, or undefined when there is none. */
  setQuality(view: ProjectionViewName, snapshotIndex: number, quality: ViewQuality): ViewFrame | undefined {
    const frames = this.byView.get(view);
    const frame = frames?.[snapshotIndex];
    if (!frames || !frame) return undefined;
    const updated = { ...frame, quality };
    frames[snapshotIndex] = updated;
    return updated;
  }

  get(view: ProjectionViewName, snapshotIndex: number): ViewFrame | undefined {
    return this.byView.get(view)?.[snapshotIndex];
  }

  /** True when the snapshot's view has its final map (refined, or exact). */
  isRefined(view: ProjectionViewName, snapshotIndex: number): boolean {
    return this.get(view, snapshotIndex)?.stage === 'refined';
  }

  /** The frame to draw for snapshot `snapshotIndex` in `view`: its own, else the nearest earlier one. */
  shown(view: ProjectionViewName, snapshotIndex: number): ShownFrame | undefined {
    const frames = this.byView.get(view);
    if (!frames) return undefined;
    for (let index = Math.min(snapshotIndex, frames.length - 1); index >= 0; index--) {
      const frame = frames[index];
      if (frame) return { frame, pending: index !== snapshotIndex };
    }
    return undefined;
  }

  /** The nearest refined frame of `view` before snapshot `snapshotIndex`. */
  refinedBefore(view: ProjectionViewName, snapshotIndex: number): ViewFrame | undefined {
    const frames = this.byView.get(view) ?? [];
    for (let index = Math.min(snapshotIndex, frames.length) - 1; index >= 0; index--) {
      const frame = frames[index];
      if (frame?.stage === 'refined') return frame;
    }
    return undefined;
  }

  /** Every stored frame of a view, in snapshot order. */
  frames(view: ProjectionViewName): ViewFrame[] {
    return (this.byView.get(view) ?? []).filter((frame): frame is ViewFrame => frame !== undefined);
  }

  /** Every stored frame of every view. */
  all(): ViewFrame[] {
    return [...this.byView.keys()].flatMap((view) => this.frames(view));
  }

  clear(): void {
    this.byView.clear();
  }
}

/** The frames of a snapshot's views that are drawn as they are (at most two columns of data). */
export function exactFrames(snapshot: SnapshotFrame): ViewFrame[] {
  return snapshot.views.flatMap((info) =>
    info.coordinates
      ? [
          {
            view: info.view,
            snapshotIndex: snapshot.index,
            iteration: snapshot.iteration,
            stage: 'refined' as const,
            layout: 'exact' as const,
            nReal: info.nReal,
            nGenerated: info.nGenerated,
            coordinates: info.coordinates,
            quality: EXACT_QUALITY,
          },
        ]
      : [],
  );
}

/** Views a snapshot has that must be projected (more than two columns). */
export function projectedViews(snapshot: SnapshotFrame): ProjectionViewName[] {
  return snapshot.views.filter((info) => !info.coordinates).map((info) => info.view);
}
