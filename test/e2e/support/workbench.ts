// Drives the VS Code workbench the way a user does: command palette, Quick Open, status bar,
// notifications and the Problems view, all located by VS Code's own stable CSS classes.
import type { Locator, Page } from 'playwright-core';

const quickInput = '.quick-input-widget';
const quickInputRow = `${quickInput} .monaco-list-row`;

/** Loads the workbench and waits until it is interactive. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer appears once the folder is resolved; before that keybindings may be dropped.
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: 60_000 });
}

/** Runs a command from the command palette by its full title, e.g. "Genmon: Start Training". */
export async function runCommand(page: Page, title: string): Promise<void> {
  const titles = await queryPalette(page, title, (labels) => labels.includes(title), 30_000);
  if (!titles.includes(title)) {
    await page.keyboard.press('Escape');
    throw new Error(`the command palette has no "${title}" (it lists ${JSON.stringify(titles)})`);
  }
  await page.locator(`${quickInputRow}`, { has: page.locator('.quick-input-list-label', { hasText: title }) }).first().click();
  // The palette closes; a command that asks something (Open Run…'s folder dialog) may reopen the
  // same widget at once, with its own text instead of the palette's ">" query.
  const widget = page.locator(quickInput);
  const field = page.locator(`${quickInput} .quick-input-box input`).first();
  const closed = await pollFor(async () => {
    if (!(await widget.isVisible())) return true;
    const value = await field.inputValue({ timeout: 1_000 }).catch(() => '>');
    return value.startsWith('>') ? undefined : true;
  }, 10_000, 100);
  if (!closed) throw new Error(`the command palette stayed open after choosing "${title}"`);
}

/** Picks an item of an open quick pick (one a command showed) by its label. */
export async function pickQuickInputItem(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const row = page.locator(quickInputRow, { has: page.locator('.quick-input-list-label', { hasText: label }) }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/**
 * Accepts the input box whose title matches, as it is, and returns the value it offered. The title
 * tells it from the quick pick before it: both use the same widget and text field.
 */
export async function acceptInputBox(page: Page, title: RegExp, timeoutMs = 30_000): Promise<string> {
  const titleText = page.locator(`${quickInput} .quick-input-title`).first();
  const shown = await pollFor(async () => (title.test(await titleText.innerText({ timeout: 1_000 }).catch(() => '')) ? true : undefined), timeoutMs);
  if (!shown) throw new Error(`no input box titled ${title} within ${timeoutMs / 1000} s`);
  const value = await page.locator(`${quickInput} .quick-input-box input`).first().inputValue();
  await page.keyboard.press('Enter');
  await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 10_000 });
  return value;
}

/** The titles the command palette lists for a query once they include every expected one. */
export async function paletteTitles(page: Page, query: string, expected: readonly string[]): Promise<string[]> {
  const titles = await queryPalette(page, query, (labels) => expected.every((title) => labels.includes(title)), 30_000);
  await page.keyboard.press('Escape');
  return titles;
}

/**
 * Opens the palette with `>query` and returns its labels once accept() holds for them, or the last
 * labels at the deadline. The palette keeps the command list it had when opened, and extension
 * commands register a few seconds after the workbench shows, so it is reopened until they are in.
 */
async function queryPalette(page: Page, query: string, accept: (labels: string[]) => boolean, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const input = await openQuickInput(page, 'F1');
    await input.fill(`>${query}`);
    await page.locator(quickInputRow).first().waitFor({ state: 'visible', timeout: 15_000 });
    const labels = (await page.locator(`${quickInputRow} .quick-input-list-label`).allInnerTexts()).map((label) => label.trim());
    if (accept(labels) || Date.now() >= deadline) return labels;
    await page.keyboard.press('Escape');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Opens a workspace file by name through Quick Open (Ctrl+P). */
export async function openFile(page: Page, fileName: string): Promise<void> {
  const input = await openQuickInput(page, 'Control+P');
  await input.fill(fileName);
  await page.locator(quickInputRow, { hasText: fileName }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: 15_000 });
}

async function openQuickInput(page: Page, key: string): Promise<Locator> {
  const input = page.locator(`${quickInput} input`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      return input;
    } catch {
      // Focus was outside the workbench (e.g. inside a webview that swallowed the key): refocus.
      await page.locator('.part.statusbar').click({ position: { x: 2, y: 2 } });
    }
  }
  throw new Error(`pressing ${key} opened no quick input`);
}

/** The text of every status bar entry. */
export async function statusBarTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.part.statusbar .statusbar-item').allTextContents();
  return texts.map((text) => text.trim()).filter((text) => text.length > 0);
}

/**
 * Waits for a status bar entry for which matches() holds and returns its text. An entry for which
 * failsOn() holds (say, an error state) ends the wait at once with that entry in the message.
 */
export async function waitForStatusBarItem(
  page: Page,
  matches: (text: string) => boolean,
  timeoutMs: number,
  failsOn: (text: string) => boolean = () => false,
): Promise<string> {
  let failed: string | undefined;
  const found = await pollFor(async () => {
    const texts = await statusBarTexts(page);
    failed = texts.find(failsOn);
    return failed === undefined ? texts.find(matches) : failed;
  }, timeoutMs);
  if (failed !== undefined) throw new Error(`the status bar shows "${failed}"`);
  if (found === undefined) {
    throw new Error(`no status bar item matched within ${timeoutMs / 1000} s; items: ${JSON.stringify(await statusBarTexts(page))}`);
  }
  return found;
}

/** Waits for a notification toast whose text matches and returns that text. */
export async function waitForNotification(page: Page, pattern: RegExp, timeoutMs: number): Promise<string> {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  const found = await pollFor(async () => (await toasts.allInnerTexts()).find((text) => pattern.test(text)), timeoutMs);
  if (found === undefined) {
    throw new Error(`no notification matched ${pattern} within ${timeoutMs / 1000} s; toasts: ${JSON.stringify(await toasts.allInnerTexts())}`);
  }
  return found;
}

/** Clicks a button of the notification toast whose text matches. */
export async function clickNotificationButton(page: Page, pattern: RegExp, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: pattern }).first();
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

/**
 * Opens the quick-fix menu (Ctrl+.) at the Problems view entry that matches, as a user does after
 * clicking it, and returns the menu's titles. The menu is left open for chooseQuickFix().
 */
export async function quickFixTitles(page: Page, problem: RegExp, expected: readonly string[], timeoutMs: number): Promise<string[]> {
  const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: problem }).first();
  const menuRows = page.locator('.action-widget .monaco-list-row');
  const titles = await pollFor(async () => {
    // Opening the entry (double-click) puts the caret on the config line the alert is about and
    // focuses that editor; a single click only selects the line and leaves focus in the list.
    await row.dblclick();
    await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ state: 'visible', timeout: 5_000 });
    await page.keyboard.press('Control+.');
    try {
      await menuRows.first().waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      return undefined;
    }
    const labels = (await menuRows.allInnerTexts()).map((label) => label.trim());
    if (expected.every((title) => labels.some((label) => label.includes(title)))) return labels;
    await page.keyboard.press('Escape');
    return undefined;
  }, timeoutMs, 1_000);
  if (titles === undefined) throw new Error(`the quick-fix menu for ${problem} never listed ${JSON.stringify(expected)}`);
  return titles;
}

/** Picks an entry of the open quick-fix menu by its title. */
export async function chooseQuickFix(page: Page, title: string): Promise<void> {
  await page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first().click();
}

/**
 * Expands a side-bar view by its title (matched without regard to case: VS Code capitalises view
 * names in headers) and returns its rows once one matches.
 */
export async function waitForViewRow(page: Page, viewTitle: RegExp, pattern: RegExp, timeoutMs: number): Promise<string[]> {
  const header = page.locator('.pane-header', { hasText: viewTitle }).first();
  await header.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const pane = page.locator('.pane').filter({ has: header }).first();
  const rows = pane.locator('.pane-body .monaco-list-row');
  const found = await pollFor(async () => {
    const texts = (await rows.allInnerTexts()).map((text) => text.trim());
    return texts.some((text) => pattern.test(text)) ? texts : undefined;
  }, timeoutMs);
  if (found === undefined) throw new Error(`the ${viewTitle} view listed no row matching ${pattern}; rows: ${JSON.stringify(await rows.allInnerTexts())}`);
  return found;
}

/** A row of a side-bar view (found by its title, without regard to case) whose text matches. */
export function viewRow(page: Page, viewTitle: RegExp, pattern: RegExp): Locator {
  const header = page.locator('.pane-header', { hasText: viewTitle }).first();
  return page.locator('.pane').filter({ has: header }).first().locator('.pane-body .monaco-list-row').filter({ hasText: pattern }).first();
}

/** The labels (without descriptions) of a side-bar view's rows. */
export async function viewRowLabels(page: Page, viewTitle: RegExp): Promise<string[]> {
  const header = page.locator('.pane-header', { hasText: viewTitle }).first();
  const labels = page.locator('.pane').filter({ has: header }).first().locator('.pane-body .monaco-list-row .label-name');
  return (await labels.allInnerTexts()).map((label) => label.trim());
}

/** Clicks a row's inline action (shown on hover) by its title. */
export async function clickRowAction(row: Locator, title: string): Promise<void> {
  await row.hover();
  await row.locator(`.action-label[aria-label="${title}"], .action-label[title="${title}"]`).first().click();
}

/** Focuses the Problems view and waits for an entry whose text matches; returns the view's text. */
export async function waitForProblem(page: Page, pattern: RegExp, timeoutMs: number): Promise<string> {
  await runCommand(page, 'Problems: Focus on Problems View');
  const rows = page.locator('.markers-panel .monaco-list-row');
  const found = await pollFor(async () => {
    const texts = await rows.allInnerTexts();
    return texts.some((text) => pattern.test(text)) ? texts.join('\n') : undefined;
  }, timeoutMs);
  if (found === undefined) {
    throw new Error(`no problem matched ${pattern} within ${timeoutMs / 1000} s; problems: ${JSON.stringify(await rows.allInnerTexts())}`);
  }
  return found;
}

/** Polls probe() until it returns a value, or undefined once timeoutMs has passed. */
export async function pollFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 250): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The CodeLens titles shown above lines in the visible editors. */
export async function codeLensTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.monaco-editor .codelens-decoration').allInnerTexts();
  return texts.flatMap((text) => text.split('|')).map((text) => text.trim()).filter((text) => text.length > 0);
}

/** Labels of the editor tabs that are the active tab of their group (what each group shows). */
export async function activeTabLabels(page: Page): Promise<string[]> {
  const labels = await page.locator('.tabs-container .tab.active').allInnerTexts();
  return labels.map((label) => label.trim());
}

/** Clicks an open editor's tab, as a user switching between open files does. */
export async function clickEditorTab(page: Page, fileName: string): Promise<void> {
  // Panels named after a file ("Projection — x.genmon.yaml") carry the name too: skip them.
  const editorTab = (scope: string) => page.locator(scope).filter({ hasText: fileName }).filter({ hasNotText: 'Projection' }).first();
  await editorTab('.tabs-container .tab').click();
  await editorTab('.tabs-container .tab.active').waitFor({ state: 'visible', timeout: 15_000 });
}

/**
 * Answers VS Code's own folder dialog (the quick-input one a browser workbench shows): types the
 * folder's path and accepts it.
 */
export async function chooseFolderInDialog(page: Page, folder: string): Promise<void> {
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  const typed = folder.endsWith('/') ? folder : `${folder}/`;
  // The dialog fills in its starting folder once it has read it, which may overwrite a path typed
  // before then, even a second later: type until the path stays, accept, and start over if the
  // dialog is still open with another path.
  for (let attempt = 1; attempt <= 4; attempt++) {
    const settled = await pollFor(async () => {
      if ((await input.inputValue()) !== typed) await input.fill(typed);
      await page.waitForTimeout(1_000);
      return (await input.inputValue()) === typed ? true : undefined;
    }, 15_000);
    if (!settled) continue;
    const ok = page.locator(`${quickInput} .monaco-button`, { hasText: /open run|ok/i }).first();
    if (await ok.isVisible()) await ok.click();
    else await page.keyboard.press('Enter');
    try {
      await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch {
      // Still open: the dialog replaced the path before the click landed.
    }
  }
  throw new Error(`the folder dialog would not accept ${typed} (it shows ${await input.inputValue()})`);
}
