// Reads the Projection panel's progress marker. A webview sits two iframes deep in the
// workbench (VS Code's host frame, then the content frame), and several webviews may be open.
import type { Page } from 'playwright-core';
import { pollFor } from './workbench';

export interface ProjectionStatus {
  readonly snapshotCount: number;
  readonly points: number;
  /** Iteration of the snapshot the panel draws now. */
  readonly iteration: number;
}

/** The first webview's #snapshot-status attributes, or undefined while no webview shows one. */
export async function readProjectionStatus(page: Page): Promise<ProjectionStatus | undefined> {
  const hosts = page.locator('iframe.webview.ready');
  const count = await hosts.count();
  for (let index = 0; index < count; index++) {
    const status = hosts.nth(index).contentFrame().locator('iframe#active-frame').contentFrame().locator('#snapshot-status');
    try {
      if ((await status.count()) === 0) continue;
      const snapshotCount = Number(await status.getAttribute('data-snapshot-count', { timeout: 1_000 }));
      const points = Number(await status.getAttribute('data-points', { timeout: 1_000 }));
      const iteration = Number(await status.getAttribute('data-iteration', { timeout: 1_000 }));
      return { snapshotCount, points, iteration };
    } catch {
      // The frame was replaced while we read it (a reload or a panel move): look again next poll.
    }
  }
  return undefined;
}

/** Waits until the projection has drawn points from at least minSnapshots snapshots. */
export async function waitForProjection(page: Page, minSnapshots: number, timeoutMs: number): Promise<ProjectionStatus> {
  let last: ProjectionStatus | undefined;
  const reached = await pollFor(async () => {
    last = await readProjectionStatus(page);
    return last && last.snapshotCount >= minSnapshots && last.points > 0 ? last : undefined;
  }, timeoutMs, 500);
  if (reached === undefined) {
    const seen = last ? `last seen ${JSON.stringify(last)}` : 'no webview with #snapshot-status appeared';
    throw new Error(`the Projection panel did not show points from ${minSnapshots} snapshots within ${timeoutMs / 1000} s (${seen})`);
  }
  return reached;
}

/** Moves the panel's timeline slider to its first snapshot, as a user would with the Home key. */
export async function stepTimelineToFirst(page: Page): Promise<ProjectionStatus> {
  const content = page.locator('iframe.webview.ready').first().contentFrame().locator('iframe#active-frame').contentFrame();
  const slider = content.locator('#timeline');
  await slider.focus();
  await slider.press('Home');
  const first = await pollFor(async () => {
    const status = await readProjectionStatus(page);
    return status && status.iteration === 0 ? status : undefined;
  }, 10_000);
  if (!first) throw new Error(`the timeline slider did not go back to iteration 0 (now ${JSON.stringify(await readProjectionStatus(page))})`);
  return first;
}
