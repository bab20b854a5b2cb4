import type { Intervention } from '../../src/core/analysis/interventions';
import { timelinePosition } from '../../src/core/analysis/interventionTimeline';

/**
 * Tick marks under the timeline slider, one per intervention, where its iteration falls between
 * the snapshots; hovering one tells what happened.
 */
export class TimelineMarkers {
  constructor(private readonly container: HTMLElement) {}

  show(interventions: readonly Intervention[], snapshotIterations: readonly number[]): void {
    const last = Math.max(1, snapshotIterations.length - 1);
    const ticks: HTMLElement[] = [];
    for (const intervention of interventions) {
      const position = timelinePosition(snapshotIterations, intervention.iteration);
      if (position === undefined) continue;
      const tick = document.createElement('span');
      tick.className = 'timeline-marker';
      tick.dataset['kind'] = intervention.kind;
      tick.dataset['iteration'] = String(intervention.iteration);
      tick.title = `Iteration ${intervention.iteration.toLocaleString('en-US')}: ${intervention.summary}`;
      // CSSOM, not a style attribute: the page's CSP allows no inline style markup.
      tick.style.left = `${(position / last) * 100}%`;
      ticks.push(tick);
    }
    this.container.replaceChildren(...ticks);
    this.container.dataset['count'] = String(ticks.length);
  }
}
