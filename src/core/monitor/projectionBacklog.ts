/**
 * Which snapshot the projection worker gets next. While a run trains in this window the newest
 * snapshot goes first, so the panel shows the present: snapshots passed over while the worker was
 * busy (coalesced) wait, so at most one ever waits behind the one being projected. Once backfilling
 * is allowed (the run is not training here: finished, or reopened) the waiting snapshots go oldest
 * first, so that each map continues from its predecessor's and its stability measures one step.
 */
export class ProjectionBacklog {
  private readonly waiting = new Set<number>();
  private highestStarted = -1;

  /** A snapshot that still needs projecting. */
  add(index: number): void {
    this.waiting.add(index);
  }

  /** The snapshot needs nothing more (projected, cached, or failed). */
  complete(index: number): void {
    this.waiting.delete(index);
  }

  get size(): number {
    return this.waiting.size;
  }

  /** The snapshot to project now, or undefined when nothing should run. */
  next(backfill: boolean): number | undefined {
    if (this.waiting.size === 0) return undefined;
    let newest = -1;
    let oldest = Number.POSITIVE_INFINITY;
    for (const index of this.waiting) {
      newest = Math.max(newest, index);
      oldest = Math.min(oldest, index);
    }
    if (backfill) return oldest;
    return newest > this.highestStarted ? newest : undefined;
  }

  /** The worker took `index`: later snapshots than this one are the run's new present. */
  start(index: number): void {
    this.highestStarted = Math.max(this.highestStarted, index);
  }

  /** Forgets everything (the stream started over). */
  clear(): void {
    this.waiting.clear();
    this.highestStarted = -1;
  }
}
