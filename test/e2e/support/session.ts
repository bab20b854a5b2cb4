// Sets up what every scenario needs: the tools and the packaged extension once per suite, then
// per scenario a private copy of examples/, a fresh code-server and a fresh Chromium profile,
// so one scenario's state (open editors, runs, settings) can never leak into the next.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  ensureE2eTools,
  extensionId,
  installRepoExtension,
  repoRoot,
  startCodeServer,
  type E2eTools,
  type RunningCodeServer,
} from '../../../scripts/lib/code-server.mjs';
import { ScenarioArtifacts } from './artifacts';
import { killTrainers } from './trainer-processes';
import { openWorkbench } from './workbench';

export interface Suite {
  readonly tools: E2eTools;
  readonly root: string;
  readonly extensionsDir: string;
}

export interface Scenario {
  readonly workspace: string;
  readonly server: RunningCodeServer;
  readonly page: Page;
  readonly artifacts: ScenarioArtifacts;
}

export interface ScenarioOptions {
  /** Adds or changes files in the workspace copy before VS Code opens it. */
  readonly prepareWorkspace?: (workspace: string) => void;
}

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Installs the tools if needed and installs the packaged extension (dist/ as built) once. */
export async function prepareSuite(): Promise<Suite> {
  const tools = await ensureE2eTools();
  const root = mkdtempSync(join(tmpdir(), 'genmon-e2e-'));
  const extensionsDir = join(root, 'extensions');
  try {
    await installRepoExtension({ tools, extensionsDir, stateDir: join(root, 'install-state'), vsixOut: join(root, 'genmon.vsix') });
    const { id, version } = extensionId(repoRoot);
    const installed = join(extensionsDir, `${id}-${version}`);
    if (!existsSync(join(installed, 'package.json'))) throw new Error(`the VSIX installed no ${installed}/package.json`);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { tools, root, extensionsDir };
}

export function disposeSuite(suite: Suite | undefined): void {
  if (suite) rmSync(suite.root, { recursive: true, force: true });
}

/**
 * Runs body against a fresh VS Code with a copy of examples/ open. Whatever happens, the browser,
 * code-server and any trainer started in the workspace are gone afterwards; on failure the error
 * names the screenshot and logs saved for it.
 */
export async function withScenario(suite: Suite, name: string, options: ScenarioOptions, body: (scenario: Scenario) => Promise<void>): Promise<void> {
  const artifacts = new ScenarioArtifacts(name);
  const scenarioDir = join(suite.root, name);
  // Named examples/ so that the explorer shows the folder a user of `npm start` sees.
  const workspace = join(scenarioDir, 'examples');
  mkdirSync(scenarioDir, { recursive: true });
  cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
  options.prepareWorkspace?.(workspace);

  let server: RunningCodeServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  try {
    server = await startCodeServer({ tools: suite.tools, stateDir: join(scenarioDir, 'state'), extensionsDir: suite.extensionsDir, workspace });
    context = await chromium.launchPersistentContext(join(scenarioDir, 'chromium-profile'), {
      executablePath: suite.tools.chromium,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1440, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    artifacts.watch(page);
    await openWorkbench(page, `${server.url}?folder=${encodeURIComponent(workspace)}`);
    await body({ workspace, server, page, artifacts });
  } catch (error) {
    const saved = await artifacts.captureFailure(page, server);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${name}: ${message}\nartifacts:\n  ${saved.join('\n  ') || artifacts.dir}`, { cause: error });
  } finally {
    await context?.close().catch(() => undefined);
    await server?.stop();
    killTrainers(workspace);
  }
}
