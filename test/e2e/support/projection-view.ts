// Reads the Projection panel's progress marker. A webview sits two iframes deep in the
// workbench (VS Code's host frame, then the content frame), and several webviews may be open.
import type { FrameLocator, Page } from 'playwright-core';
import { pollFor } from './workbench';

export interface ProjectionStatus {
  readonly snapshotCount: number;
  readonly points: number;
  /** Iteration of the snapshot the panel draws now. */
  readonly iteration: number;
}

/**
 * Asks every open webview's content frame in turn until one answers. A frame replaced while it is
 * read (a reload or a panel move) counts as no answer: pollers look again next time.
 */
async function firstPanelAnswer<T>(page: Page, read: (content: FrameLocator) => Promise<T | undefined>): Promise<T | undefined> {
  const hosts = page.locator('iframe.webview.ready');
  const count = await hosts.count();
  for (let index = 0; index < count; index++) {
    try {
      const answer = await read(hosts.nth(index).contentFrame().locator('iframe#active-frame').contentFrame());
      if (answer !== undefined) return answer;
    } catch {
      // Replaced mid-read: no answer from this frame now.
    }
  }
  return undefined;
}

/** The first webview's #snapshot-status attributes, or undefined while no webview shows one. */
export async function readProjectionStatus(page: Page): Promise<ProjectionStatus | undefined> {
  return firstPanelAnswer(page, async (content) => {
    const status = content.locator('#snapshot-status');
    if ((await status.count()) === 0) return undefined;
    const snapshotCount = Number(await status.getAttribute('data-snapshot-count', { timeout: 1_000 }));
    const points = Number(await status.getAttribute('data-points', { timeout: 1_000 }));
    const iteration = Number(await status.getAttribute('data-iteration', { timeout: 1_000 }));
    return { snapshotCount, points, iteration };
  });
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

export interface ViewStatus {
  readonly view: string;
  /** 'exact' | 'first' | 'refined' | 'projecting' | 'absent' | 'none' (src/core/monitor/viewStatus.ts). */
  readonly stage: string;
  readonly cached: boolean;
  readonly text: string;
}

function panelContent(page: Page) {
  return page.locator('iframe.webview.ready').first().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** What the first panel says about the map it draws. */
export async function readViewStatus(page: Page): Promise<ViewStatus | undefined> {
  const status = panelContent(page).locator('#view-status');
  try {
    if ((await status.count()) === 0) return undefined;
    return {
      view: (await status.getAttribute('data-view', { timeout: 1_000 })) ?? '',
      stage: (await status.getAttribute('data-stage', { timeout: 1_000 })) ?? '',
      cached: (await status.getAttribute('data-cached', { timeout: 1_000 })) === 'true',
      text: (await status.textContent({ timeout: 1_000 })) ?? '',
    };
  } catch {
    return undefined;
  }
}

/** The views the panel offers, in order. */
export async function viewTabs(page: Page): Promise<string[]> {
  const tabs = panelContent(page).locator('#view-tabs [data-view]');
  const views: string[] = [];
  for (let index = 0; index < (await tabs.count()); index++) views.push((await tabs.nth(index).getAttribute('data-view')) ?? '');
  return views;
}

/** Clicks a view's tab, as a user does. */
export async function selectView(page: Page, view: string): Promise<void> {
  await panelContent(page).locator(`#view-tabs [data-view="${view}"]`).click();
}

/** Waits until the panel draws points of `view` at `iteration` at a stage `accept` allows. */
export async function waitForView(
  page: Page,
  view: string,
  accept: (status: ViewStatus, projection: ProjectionStatus) => boolean,
  timeoutMs: number,
): Promise<{ status: ViewStatus; projection: ProjectionStatus }> {
  let last: unknown;
  const reached = await pollFor(async () => {
    const status = await readViewStatus(page);
    const projection = await readProjectionStatus(page);
    last = { status, projection };
    return status && projection && status.view === view && projection.points > 0 && accept(status, projection) ? { status, projection } : undefined;
  }, timeoutMs, 250);
  if (!reached) throw new Error(`the ${view} view did not reach the expected state within ${timeoutMs / 1000} s (last seen ${JSON.stringify(last)})`);
  return reached;
}

export interface AlertBanner {
  readonly text: string;
  readonly severity: string;
  readonly realRows: number;
  readonly generatedRows: number;
}

/** Waits until a Projection panel shows its alert banner with text that matches. */
export async function waitForAlertBanner(page: Page, pattern: RegExp, timeoutMs: number): Promise<AlertBanner> {
  const banner = await pollFor(
    () =>
      firstPanelAnswer(page, async (content) => {
        const element = content.locator('#alert-banner');
        if ((await element.count()) === 0 || !(await element.isVisible())) return undefined;
        const text = (await element.innerText({ timeout: 1_000 })).trim();
        if (!pattern.test(text)) return undefined;
        return {
          text,
          severity: (await element.getAttribute('data-severity', { timeout: 1_000 })) ?? '',
          realRows: Number(await element.getAttribute('data-real-rows', { timeout: 1_000 })),
          generatedRows: Number(await element.getAttribute('data-generated-rows', { timeout: 1_000 })),
        };
      }),
    timeoutMs,
    500,
  );
  if (!banner) throw new Error(`no Projection panel showed an alert banner matching ${pattern} within ${timeoutMs / 1000} s`);
  return banner;
}

export interface MagnetSection {
  readonly standardCount: number;
  readonly magnetCount: number;
  readonly groups: number;
}

/** Waits until a Projection panel's MaGNET section shows both sample sets. */
export async function waitForMagnetSection(page: Page, timeoutMs: number): Promise<MagnetSection> {
  const section = await pollFor(
    () =>
      firstPanelAnswer(page, async (content) => {
        const element = content.locator('#magnet-comparison');
        if ((await element.count()) === 0) return undefined;
        const magnetCount = Number((await element.getAttribute('data-magnet-count', { timeout: 1_000 })) ?? 0);
        if (!(magnetCount > 0)) return undefined;
        return {
          standardCount: Number(await element.getAttribute('data-standard-count', { timeout: 1_000 })),
          magnetCount,
          groups: Number(await element.getAttribute('data-groups', { timeout: 1_000 })),
        };
      }),
    timeoutMs,
    500,
  );
  if (!section) throw new Error(`no Projection panel showed MaGNET samples within ${timeoutMs / 1000} s`);
  return section;
}

export interface InterventionMarks {
  /** Entries of the Before / after section. */
  readonly interventions: number;
  /** Ticks under the timeline slider. */
  readonly ticks: number;
  /** The kinds of the ticks, e.g. ['unpaused']. */
  readonly kinds: readonly string[];
}

/** Waits until a Projection panel lists at least `minimum` interventions and marks them on the timeline. */
export async function waitForInterventions(page: Page, minimum: number, timeoutMs: number): Promise<InterventionMarks> {
  const marks = await pollFor(
    () =>
      firstPanelAnswer(page, async (content) => {
        const section = content.locator('#interventions');
        if ((await section.count()) === 0) return undefined;
        const interventions = Number((await section.getAttribute('data-count', { timeout: 1_000 })) ?? 0);
        const ticks = Number((await content.locator('#timeline-markers').getAttribute('data-count', { timeout: 1_000 })) ?? 0);
        if (interventions < minimum || ticks < minimum) return undefined;
        const kinds = await content.locator('.timeline-marker').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-kind') ?? ''));
        return { interventions, ticks, kinds };
      }),
    timeoutMs,
    500,
  );
  if (!marks) throw new Error(`no Projection panel marked ${minimum} intervention(s) within ${timeoutMs / 1000} s`);
  return marks;
}

export interface InterventionEntry {
  readonly iteration: number;
  /** Groups compared (rows of its table). */
  readonly groups: number;
  /** The rows marked as the group the intervention was about, by group id. */
  readonly intervened: readonly string[];
  /** The share-ratio change of each intervened row, as shown ("0.98 → 1.02"). */
  readonly ratios: readonly string[];
}

/** Waits until a Projection panel's Before / after section has a settled (not provisional) entry of this kind. */
export async function waitForSettledIntervention(page: Page, kind: string, timeoutMs: number): Promise<InterventionEntry> {
  const entry = await pollFor(
    () =>
      firstPanelAnswer(page, async (content) => {
        const article = content.locator(`#interventions article.intervention[data-kind="${kind}"][data-provisional="false"]`).first();
        if ((await article.count()) === 0) return undefined;
        const rows = article.locator('tr[data-intervened="true"]');
        return {
          iteration: Number(await article.getAttribute('data-iteration', { timeout: 1_000 })),
          groups: Number(await article.getAttribute('data-groups', { timeout: 1_000 })),
          intervened: await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-group') ?? '')),
          ratios: await rows.locator('td.change').first().allInnerTexts(),
        };
      }),
    timeoutMs,
    500,
  );
  if (!entry) throw new Error(`no Projection panel settled a "${kind}" before/after entry within ${timeoutMs / 1000} s`);
  return entry;
}

/** The iteration the first panel's Players section shows, once it shows one that passes `accept`. */
export async function waitForPlayersIteration(page: Page, accept: (iteration: number) => boolean, timeoutMs: number): Promise<{ iteration: number; count: number }> {
  const section = panelContent(page).locator('#players');
  const shown = await pollFor(async () => {
    try {
      const iteration = await section.getAttribute('data-iteration', { timeout: 1_000 });
      const count = Number((await section.getAttribute('data-count', { timeout: 1_000 })) ?? 0);
      return iteration !== null && accept(Number(iteration)) ? { iteration: Number(iteration), count } : undefined;
    } catch {
      return undefined;
    }
  }, timeoutMs, 250);
  if (!shown) throw new Error(`the Players section never showed a wanted iteration within ${timeoutMs / 1000} s (it shows ${await section.getAttribute('data-iteration').catch(() => 'nothing')})`);
  return shown;
}
