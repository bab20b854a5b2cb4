// genmon in a real VS Code (code-server) driven through Chromium: what a user does and sees,
// checked against the processes that actually run. See docs/development.md.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../scripts/lib/code-server.mjs';
import { alertingConfigName, alertingRunName, alertPattern, writeAlertingConfig } from './support/alerting-config';
import { biasedConfigName, biasedRunName, biasPattern, writeBiasedConfig } from './support/biased-config';
import { brokenConfigName, writeBrokenConfig } from './support/broken-config';
import { secondConfigName, writeSecondConfig } from './support/second-config';
import { resolveProjectionOptions } from '../../src/core/projection/options';
import { PROJECTION_CACHE_FILE, projectionCacheKey, readProjectionCache } from '../../src/core/projection/projectionCache';
import { featureRunConfigName, featureRunIterations, writeFeatureRun } from './support/feature-run';
import { selectView, stepTimelineToFirst, viewTabs, waitForAlertBanner, waitForInterventions, waitForMagnetSection, waitForProjection, waitForPlayersIteration, waitForSettledIntervention, waitForView } from './support/projection-view';
import { disposeSuite, prepareSuite, withScenario, type Suite } from './support/session';
import { trainerPids, waitForNoTrainer } from './support/trainer-processes';
import {
  acceptInputBox,
  activeTabLabels,
  chooseFolderInDialog,
  chooseQuickFix,
  clickEditorTab,
  clickNotificationButton,
  codeLensTexts,
  openFile,
  paletteTitles,
  pickQuickInputItem,
  pollFor,
  quickFixTitles,
  runCommand,
  waitForNotification,
  waitForProblem,
  waitForStatusBarItem,
  clickRowAction,
  viewRow,
  viewRowLabels,
  waitForViewRow,
} from './support/workbench';

const exampleConfig = 'ring8.genmon.yaml';
const isStopped = (text: string) => /ring8/.test(text) && /stopped/i.test(text);
const isFailed = (text: string) => /ring8/.test(text) && /error|failed/i.test(text);
// Two cores shared by code-server, Chromium and the trainer: the first snapshots take a while.
const projectionTimeoutMs = 180_000;
const trainerExitTimeoutMs = 15_000;

/** The iteration a status bar text shows, e.g. "ring8 · paused · it 412/5000" → 412. */
function iterationIn(text: string): number {
  const match = /it (\d+)/.exec(text);
  assert.ok(match?.[1], `no iteration in "${text}"`);
  return Number(match[1]);
}

/** Checkpoint folders of every run under the workspace's .genmon/runs/. */
function checkpointDirs(workspace: string): string[] {
  const runsRoot = join(workspace, '.genmon', 'runs', 'ring8');
  if (!existsSync(runsRoot)) return [];
  return readdirSync(runsRoot).flatMap((run) => {
    const folder = join(runsRoot, run, 'checkpoints');
    return existsSync(folder) ? readdirSync(folder).map((name) => join(folder, name)) : [];
  });
}

/** The size of every run's stream under the workspace's .genmon/runs/ring8/. */
function streamSizes(workspace: string): Map<string, number> {
  const runsRoot = join(workspace, '.genmon', 'runs', 'ring8');
  const sizes = new Map<string, number>();
  if (!existsSync(runsRoot)) return sizes;
  for (const run of readdirSync(runsRoot)) {
    const stream = join(runsRoot, run, 'stream.gms');
    if (existsSync(stream)) sizes.set(stream, statSync(stream).size);
  }
  return sizes;
}

function requireExampleConfig(workspace: string): void {
  assert.ok(existsSync(join(workspace, exampleConfig)), `examples/${exampleConfig} is missing from ${join(repoRoot, 'examples')}`);
}

async function startTraining(scenario: { page: import('playwright-core').Page; workspace: string }, configName = exampleConfig, runName = 'ring8'): Promise<string> {
  await openFile(scenario.page, configName);
  // A user starts training from the config they are editing: put the caret in it first, so the
  // command is about that editor and not whatever else last had focus.
  await scenario.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await runCommand(scenario.page, 'Genmon: Start Training');
  const running = await waitForStatusBarItem(
    scenario.page,
    (text) => text.includes(runName) && /running/.test(text),
    60_000,
    (text) => text.includes(runName) && /error|failed/i.test(text),
  );
  const started = await pollFor(async () => (trainerPids(scenario.workspace).length > 0 ? true : undefined), 30_000);
  assert.ok(started, `the status bar says "${running}" but no \`cli.js train\` process runs in ${scenario.workspace}`);
  return running;
}

describe('genmon in VS Code (code-server + Chromium)', () => {
  let suite: Suite | undefined;

  before(async () => {
    suite = await prepareSuite();
  });

  after(() => disposeSuite(suite));

  test('the workbench opens examples/ and the palette lists genmon commands', async () => {
    assert.ok(suite);
    await withScenario(suite, 'workbench', {}, async ({ page, artifacts }) => {
      await page.locator('.explorer-folders-view', { hasText: /examples/i }).or(page.locator('.pane-header', { hasText: /examples/i })).first().waitFor({ timeout: 30_000 });
      const expected = ['Genmon: Start Training', 'Genmon: Stop Training', 'Genmon: Show Projection'];
      const titles = await paletteTitles(page, 'Genmon:', expected);
      await artifacts.screenshot(page, 'workbench');
      for (const title of expected) {
        assert.ok(titles.includes(title), `palette lists "${title}" (listed: ${JSON.stringify(titles)})`);
      }
    });
  });

  test('training shows live projections and stops on command', async () => {
    assert.ok(suite);
    await withScenario(suite, 'train-and-stop', {}, async (scenario) => {
      const { page, workspace, artifacts } = scenario;
      requireExampleConfig(workspace);
      const running = await startTraining(scenario);
      await artifacts.screenshot(page, 'training-started');

      const projection = await waitForProjection(page, 2, projectionTimeoutMs);
      assert.ok(projection.points > 0 && projection.snapshotCount >= 2);
      await artifacts.screenshot(page, 'projection');
      assert.match(running, /ring8/);
      assert.ok((await codeLensTexts(page)).some((text) => /Stop Training/.test(text)), 'the config offers Stop Training while it trains');

      const first = await stepTimelineToFirst(page);
      assert.ok(first.snapshotCount >= 2 && first.points > 0, `stepping back still draws points (${JSON.stringify(first)})`);
      await artifacts.screenshot(page, 'timeline-first-snapshot');

      await runCommand(page, 'Genmon: Stop Training');
      const left = await waitForNoTrainer(workspace, trainerExitTimeoutMs);
      assert.deepEqual(left, [], `trainer processes still running ${trainerExitTimeoutMs / 1000} s after Stop Training`);
      const stopped = await waitForStatusBarItem(page, isStopped, 15_000);
      assert.doesNotMatch(stopped, /running/);
      const lenses = await pollFor(async () => {
        const texts = await codeLensTexts(page);
        return texts.some((text) => /Start Training/.test(text)) && texts.some((text) => /stopped at iteration/.test(text)) ? texts : undefined;
      }, 15_000);
      assert.ok(lenses, `the CodeLens offers Start Training again after the run stopped (shows ${JSON.stringify(await codeLensTexts(page))})`);
      await artifacts.screenshot(page, 'stopped');

      // A reloaded window restores the panel from the run directory on disk.
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      const restored = await waitForProjection(page, projection.snapshotCount, 60_000);
      assert.ok(restored.points > 0, `the restored panel draws points (${JSON.stringify(restored)})`);
      await artifacts.screenshot(page, 'restored-after-reload');
    });
  });

  test('pause holds training, a checkpoint is saved, resume continues', async () => {
    assert.ok(suite);
    await withScenario(suite, 'pause-resume', {}, async (scenario) => {
      const { page, workspace, artifacts } = scenario;
      requireExampleConfig(workspace);
      await startTraining(scenario);
      await waitForProjection(page, 1, projectionTimeoutMs);

      await runCommand(page, 'Genmon: Pause Training');
      const paused = await waitForStatusBarItem(page, (text) => /ring8/.test(text) && /paused/.test(text), 30_000, isFailed);
      const heldAt = iterationIn(paused);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const stillPaused = await waitForStatusBarItem(page, (text) => /paused/.test(text), 5_000);
      assert.equal(iterationIn(stillPaused), heldAt, 'no iteration runs while paused');
      assert.ok((await codeLensTexts(page)).some((text) => /Resume/.test(text)), 'the config offers Resume while paused');
      await artifacts.screenshot(page, 'paused');

      await runCommand(page, 'Genmon: Save Checkpoint');
      const saved = await waitForNotification(page, /checkpoint of ring8\.genmon\.yaml saved/, 30_000);
      assert.match(saved, /saved at iteration \d+/);
      const checkpoints = await pollFor(async () => (checkpointDirs(workspace).length > 0 ? checkpointDirs(workspace) : undefined), 10_000);
      assert.ok(checkpoints, 'a checkpoint folder appears in the run directory');

      await runCommand(page, 'Genmon: Resume Training');
      const resumed = await waitForStatusBarItem(
        page,
        (text) => /running/.test(text) && iterationIn(text) > heldAt,
        60_000,
        isFailed,
      );
      assert.ok(iterationIn(resumed) > heldAt, `training continues after resume (${resumed})`);
      // A pause with nothing changed in it is still an intervention: marked on the timeline and
      // listed in the panel's Before / after section.
      const marks = await waitForInterventions(page, 1, 60_000);
      assert.ok(marks.kinds.includes('unpaused'), `the resume is marked (${JSON.stringify(marks)})`);
      await artifacts.screenshot(page, 'resumed');

      await runCommand(page, 'Genmon: Stop Training');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), []);

      // The Runs view lists the stopped run and its checkpoints; Resume from Here on the earliest
      // starts a branch run beside it and leaves the original's stream as it was.
      const originalStreams = streamSizes(workspace);
      const runs = await waitForViewRow(page, /genmon runs/i, /stopped/, 30_000);
      assert.ok(runs.some((row) => /ring8/.test(row)), `the view lists the config (${JSON.stringify(runs)})`);
      await viewRow(page, /genmon runs/i, /stopped/).click();
      await waitForViewRow(page, /genmon runs/i, /^iteration [\d,]+/m, 15_000);
      await artifacts.screenshot(page, 'runs-view');
      // Checkpoints are listed newest first: the last one is the earliest.
      const checkpointLabels = (await viewRowLabels(page, /genmon runs/i)).filter((label) => /^iteration [\d,]+$/.test(label));
      const earliestIteration = checkpointLabels.at(-1)?.replace('iteration ', '') ?? '';
      assert.ok(checkpointLabels.length >= 2, `the run lists its command and stop checkpoints (${JSON.stringify(checkpointLabels)})`);
      const earliestRow = page.locator('.pane .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^iteration ${earliestIteration}$`) }) }).first();
      await clickRowAction(earliestRow, 'Resume from Here');
      const branched = await pollFor(async () => (trainerPids(workspace).length > 0 ? true : undefined), 30_000);
      assert.ok(branched, 'Resume from Here starts a trainer');
      const branchRows = await waitForViewRow(page, /genmon runs/i, new RegExp(`branch of .* @ ${earliestIteration}`), 60_000);
      await artifacts.screenshot(page, 'branch-run');
      assert.ok(branchRows.length > 0);
      await runCommand(page, 'Genmon: Stop Training');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), []);
      for (const [stream, size] of originalStreams) assert.equal(statSync(stream).size, size, `${stream} is left as it was`);
    });
  });

  test('Sample Uniformly (MaGNET) shows standard and MaGNET samples side by side in the panel', async () => {
    assert.ok(suite);
    await withScenario(suite, 'magnet-sample', {}, async (scenario) => {
      const { page, workspace, artifacts } = scenario;
      requireExampleConfig(workspace);
      await startTraining(scenario);
      await waitForProjection(page, 2, projectionTimeoutMs);
      // The command samples the run of the config being edited.
      await clickEditorTab(page, exampleConfig);
      await runCommand(page, 'Genmon: Sample Uniformly (MaGNET)');
      const section = await waitForMagnetSection(page, 120_000);
      assert.equal(section.standardCount, section.magnetCount, 'as many MaGNET as standard samples');
      assert.ok(section.magnetCount > 0);
      assert.ok(section.groups > 0, "group shares against the real data (the ring's modes)");
      await artifacts.screenshot(page, 'magnet-section');
      await runCommand(page, 'Genmon: Stop Training');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), []);
    });
  });

  test('each config has its own run and panel, brought forward with its editor', async () => {
    assert.ok(suite);
    const options = {
      prepareWorkspace: (workspace: string) => {
        requireExampleConfig(workspace);
        writeSecondConfig(workspace, exampleConfig);
      },
    };
    await withScenario(suite, 'two-configs', options, async ({ page, workspace, artifacts }) => {
      await startTraining({ page, workspace });
      await openFile(page, secondConfigName);
      await runCommand(page, 'Genmon: Start Training');
      const both = await pollFor(async () => (trainerPids(workspace).length >= 2 ? true : undefined), 30_000);
      assert.ok(both, 'a second config starts a second trainer while the first runs');
      const panelTitles = await pollFor(async () => {
        const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
        const projections = tabs.map((tab) => tab.trim()).filter((tab) => tab.startsWith('Projection'));
        return projections.length >= 2 ? projections : undefined;
      }, 30_000);
      assert.ok(panelTitles, 'each config gets a Projection panel of its own');
      assert.ok(panelTitles.some((title) => title.includes('ring8.genmon.yaml')));
      assert.ok(panelTitles.some((title) => title.includes(secondConfigName)));
      await artifacts.screenshot(page, 'two-panels');

      await clickEditorTab(page, exampleConfig);
      const forward = await pollFor(async () => {
        const active = await activeTabLabels(page);
        return active.some((label) => label.includes('Projection — ring8.genmon.yaml')) ? active : undefined;
      }, 15_000);
      assert.ok(forward, `focusing ring8.genmon.yaml brings its panel forward (active tabs: ${JSON.stringify(await activeTabLabels(page))})`);
      await artifacts.screenshot(page, 'ring8-panel-forward');

      await runCommand(page, 'Genmon: Stop Training');
      await clickEditorTab(page, secondConfigName);
      await runCommand(page, 'Genmon: Stop Training');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), [], 'stopping each config stops its trainer');
    });
  });

  test('a run trained on the command line opens in its panel', async () => {
    assert.ok(suite);
    const runDir = (workspace: string) => join(workspace, 'cli-run');
    const options = {
      prepareWorkspace: (workspace: string) => {
        requireExampleConfig(workspace);
        const cli = join(repoRoot, 'bin', 'genmon.js');
        const trained = spawnSync(process.execPath, [cli, 'train', join(workspace, exampleConfig), '--run-dir', runDir(workspace), '--max-iterations', '200'], {
          encoding: 'utf8',
          timeout: 120_000,
        });
        assert.equal(trained.status, 0, `genmon train failed: ${trained.stderr}`);
      },
    };
    await withScenario(suite, 'open-run', options, async ({ page, workspace, artifacts }) => {
      await runCommand(page, 'Genmon: Open Run…');
      await chooseFolderInDialog(page, runDir(workspace));
      const shown = await waitForProjection(page, 3, 60_000);
      assert.equal(shown.iteration, 200, 'the opened run shows its last snapshot');
      const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
      assert.ok(tabs.some((tab) => tab.includes('Projection — ring8.genmon.yaml')), `the panel is named after the run's config (${JSON.stringify(tabs)})`);
      await artifacts.screenshot(page, 'opened-run');
    });
  });

  test('a run with wide features is projected in the background, refined, cached and reopened from the cache', async () => {
    assert.ok(suite);
    const runDir = (workspace: string) => join(workspace, 'feature-run');
    const lastIteration = featureRunIterations[featureRunIterations.length - 1];
    const options = { prepareWorkspace: (workspace: string) => writeFeatureRun(workspace, runDir(workspace)) };
    await withScenario(suite, 'projected-views', options, async ({ page, workspace, artifacts }) => {
      const cacheFile = join(runDir(workspace), PROJECTION_CACHE_FILE);
      const cacheKey = projectionCacheKey(resolveProjectionOptions());
      /** Snapshots of each view with a refined map in the run's cache. */
      const cachedMaps = (view: string) => readProjectionCache(cacheFile, cacheKey).entries.filter((entry) => entry.view === view).length;

      await runCommand(page, 'Genmon: Open Run…');
      await chooseFolderInDialog(page, runDir(workspace));
      await waitForProjection(page, featureRunIterations.length, 60_000);
      const tabs = await pollFor(async () => ((await viewTabs(page)).length >= 2 ? viewTabs(page) : undefined), 10_000);
      assert.deepEqual(tabs, ['distribution', 'latent'], 'the panel offers the views the snapshots have');

      await selectView(page, 'latent');
      const latent = await waitForView(page, 'latent', (status) => status.stage === 'refined', projectionTimeoutMs);
      assert.equal(latent.projection.iteration, lastIteration);
      await artifacts.screenshot(page, 'latent-view');

      await selectView(page, 'distribution');
      const distribution = await waitForView(page, 'distribution', (status) => status.stage === 'refined', projectionTimeoutMs);
      assert.equal(distribution.projection.points, 300, 'every real and generated row of the 64-dimensional features is drawn');
      assert.match(distribution.status.text, /trustworthiness 0\.\d{3}|measuring/);
      await artifacts.screenshot(page, 'distribution-view');

      // The other snapshots are projected in the background (the run is finished) and cached beside it.
      const complete = await pollFor(
        async () => (cachedMaps('distribution') === featureRunIterations.length && cachedMaps('latent') === featureRunIterations.length ? true : undefined),
        projectionTimeoutMs,
        500,
      );
      assert.ok(complete, `every snapshot's maps are cached (distribution ${cachedMaps('distribution')}, latent ${cachedMaps('latent')})`);
      const first = await stepTimelineToFirst(page);
      assert.ok(first.points > 0, 'the first snapshot has its own map');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const cacheBytes = statSync(cacheFile).size;

      // Reopened, the run's maps come from the cache: refined at once, nothing recomputed.
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      const reopened = await waitForView(page, 'distribution', (status) => status.stage === 'refined' && status.cached, 60_000);
      assert.equal(reopened.projection.points, 300);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      assert.equal(statSync(cacheFile).size, cacheBytes, 'a reopened run projects nothing its cache already holds');
      const tabsNow = await page.locator('.tabs-container .tab').allInnerTexts();
      assert.ok(tabsNow.some((tab) => tab.includes(`Projection — ${featureRunConfigName}`)), `the panel is named after the run's config (${JSON.stringify(tabsNow)})`);
      await artifacts.screenshot(page, 'reopened-from-cache');
    });
  });

  test('an alert appears as a notification, a problem with quick fixes, in the Alerts view and in the panel', async () => {
    assert.ok(suite);
    const options = {
      prepareWorkspace: (workspace: string) => {
        requireExampleConfig(workspace);
        writeAlertingConfig(workspace, exampleConfig);
      },
    };
    await withScenario(suite, 'alerts', options, async (scenario) => {
      const { page, workspace, artifacts } = scenario;
      await startTraining(scenario, alertingConfigName, alertingRunName);

      const toast = await waitForNotification(page, alertPattern, projectionTimeoutMs);
      assert.match(toast, /genmon \(alerting/, 'the notification names the run');
      await artifacts.screenshot(page, 'alert-notification');
      await clickNotificationButton(page, alertPattern, 'Show in panel');
      const banner = await waitForAlertBanner(page, alertPattern, 60_000);
      assert.equal(banner.severity, 'error');
      await artifacts.screenshot(page, 'alert-banner');

      const problems = await waitForProblem(page, alertPattern, 60_000);
      assert.match(problems, new RegExp(alertingConfigName.replace(/\./g, '\\.')), 'the problem is filed under the config');
      const fixes = await quickFixTitles(page, alertPattern, ['Pause training', 'Show in panel'], 60_000);
      await artifacts.screenshot(page, 'alert-quick-fixes');
      assert.ok(!fixes.some((title) => /Augment this group/.test(title)), `a health alert offers no augmentation (${JSON.stringify(fixes)})`);
      await chooseQuickFix(page, 'Pause training');
      await waitForStatusBarItem(page, (text) => text.includes(alertingRunName) && /paused/.test(text), 30_000);

      // The view lists runs, each with its alerts by rule and kind (the message is the row's tooltip).
      const rows = await waitForViewRow(page, /genmon alerts/i, /health · gradient-explosion/, 30_000);
      assert.ok(rows.some((row) => /alerting.*1 active/.test(row)), `the run's row counts its active alert (${JSON.stringify(rows)})`);
      await artifacts.screenshot(page, 'alerts-view');

      await runCommand(page, 'Genmon: Stop Training');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), []);
    });
  });

  test('a bias alert\'s quick fix pauses, reweights the group and resumes; the panel compares before and after', async () => {
    assert.ok(suite);
    const options = {
      prepareWorkspace: (workspace: string) => {
        requireExampleConfig(workspace);
        writeBiasedConfig(workspace, exampleConfig);
      },
    };
    await withScenario(suite, 'augment', options, async (scenario) => {
      const { page, workspace, artifacts } = scenario;
      await startTraining(scenario, biasedConfigName, biasedRunName);
      await waitForProjection(page, 1, projectionTimeoutMs);

      await waitForProblem(page, biasPattern, 60_000);
      await quickFixTitles(page, biasPattern, ['Augment this group…'], 60_000);
      await chooseQuickFix(page, 'Augment this group…');
      await pickQuickInputItem(page, 'Reweight');
      assert.equal(await acceptInputBox(page, /^Oversample mode=\d+ by/), '2', 'the suggested factor');
      const paused = await waitForNotification(page, /reweighted mode=\d+ ×2: now .* of training draws .* training is paused/, 60_000);
      await waitForStatusBarItem(page, (text) => text.includes(biasedRunName) && /paused/.test(text), 30_000);
      await artifacts.screenshot(page, 'augmented-paused');
      await clickNotificationButton(page, /training is paused/, 'Resume Training');
      await waitForStatusBarItem(page, (text) => text.includes(biasedRunName) && /running/.test(text), 30_000, isFailed);

      // Five snapshots after the augment (genmon.interventions.compareAfterSnapshots) the entry settles.
      const entry = await waitForSettledIntervention(page, 'augmented', 240_000);
      const group = /reweighted (mode=\d+)/.exec(paused)?.[1];
      assert.deepEqual(entry.intervened, [group], `the reweighted group is the marked row (${JSON.stringify(entry)})`);
      assert.ok(entry.groups >= 8, `every mode of the ring is compared (${entry.groups})`);
      assert.match(entry.ratios[0] ?? '', /^\d+\.\d+ → \d+\.\d+$/, 'its share ratio before and after');
      await artifacts.screenshot(page, 'before-after');

      await runCommand(page, 'Genmon: Stop Training');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), []);
    });
  });

  test('an auction run shows its players at the snapshot selected on the timeline', async () => {
    assert.ok(suite);
    await withScenario(suite, 'auction-players', {}, async (scenario) => {
      const { page, workspace, artifacts } = scenario;
      await startTraining(scenario, 'ring8-auction.genmon.yaml', 'ring8-auction');
      await waitForProjection(page, 3, projectionTimeoutMs);
      const newest = await waitForPlayersIteration(page, (iteration) => iteration > 0, 60_000);
      assert.equal(newest.count, 4, 'all four players');
      await runCommand(page, 'Genmon: Pause Training');
      await stepTimelineToFirst(page);
      // The first snapshot's arrays are no longer in memory: the host reads them back.
      await waitForPlayersIteration(page, (iteration) => iteration === 0, 30_000);
      await artifacts.screenshot(page, 'players-at-first-snapshot');
      await runCommand(page, 'Genmon: Stop Training');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), []);
    });
  });

  test('a trainer exits by itself when VS Code dies', async () => {
    assert.ok(suite);
    await withScenario(suite, 'vscode-dies', {}, async (scenario) => {
      const { page, workspace, server, artifacts } = scenario;
      requireExampleConfig(workspace);
      await startTraining(scenario);
      await artifacts.screenshot(page, 'training-started');

      // Kill every VS Code process at once, sparing only the trainers: nothing gets to run
      // cleanup code, so only the trainer's own parent watch (--exit-with-parent) can end it.
      const trainers = trainerPids(workspace);
      await server.stop({ signal: 'SIGKILL', sparePids: trainers });
      const left = await waitForNoTrainer(workspace, trainerExitTimeoutMs);
      assert.deepEqual(left, [], `trainers ${trainers.join(', ')} outlived VS Code by ${trainerExitTimeoutMs / 1000} s`);
    });
  });

  test('a broken config shows problems and refuses to train', async () => {
    assert.ok(suite);
    const options = {
      prepareWorkspace: (workspace: string) => {
        requireExampleConfig(workspace);
        writeBrokenConfig(workspace, exampleConfig);
      },
    };
    await withScenario(suite, 'broken-config', options, async ({ page, workspace, artifacts }) => {
      await openFile(page, brokenConfigName);
      const problems = await waitForProblem(page, /batchSize/, 60_000);
      assert.match(problems, /batchSize/);
      assert.match(problems, /learningRat\b/, 'the misspelt key is reported too');
      await artifacts.screenshot(page, 'problems');

      await openFile(page, brokenConfigName);
      await runCommand(page, 'Genmon: Start Training');
      const toast = await waitForNotification(page, /batchSize/, 30_000);
      assert.match(toast, /batchSize/);
      await artifacts.screenshot(page, 'start-refused');
      assert.deepEqual(await waitForNoTrainer(workspace, trainerExitTimeoutMs), [], 'no trainer keeps running for a broken config');
    });
  });
});
