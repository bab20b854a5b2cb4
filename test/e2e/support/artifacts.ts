// Screenshots and logs a scenario leaves in test-artifacts/e2e/<scenario>/: the step screenshots
// show what a user would have seen, and on failure the logs say why.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot, type RunningCodeServer } from '../../../scripts/lib/code-server.mjs';

export const artifactsRoot = join(repoRoot, 'test-artifacts', 'e2e');

export class ScenarioArtifacts {
  readonly dir: string;
  private step = 0;
  private readonly browserErrors: string[] = [];

  constructor(scenario: string) {
    this.dir = join(artifactsRoot, scenario);
    // A previous run's pictures would pass for this run's.
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  /** Records the page's console errors and crashes, which explain many webview failures. */
  watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() === 'error') this.browserErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.browserErrors.push(`pageerror: ${error.message}`));
  }

  /** Saves a numbered screenshot of the page, e.g. 02-training-started.png. */
  async screenshot(page: Page, name: string): Promise<string> {
    this.step += 1;
    const file = join(this.dir, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  }

  /** Saves a failure screenshot, the code-server log and the extension host logs; returns their paths. */
  async captureFailure(page: Page | undefined, server: RunningCodeServer | undefined): Promise<string[]> {
    const saved: string[] = [];
    if (page && !page.isClosed()) {
      const file = join(this.dir, 'failure.png');
      try {
        await page.screenshot({ path: file, timeout: 10_000 });
        saved.push(file);
      } catch (error) {
        writeFileSync(join(this.dir, 'failure-screenshot-error.txt'), String(error));
      }
    }
    if (server) {
      const log = join(this.dir, 'code-server.log');
      writeFileSync(log, server.logTail(300));
      saved.push(log);
      saved.push(...this.copyVsCodeLogs(server.userDataDir));
    }
    if (this.browserErrors.length > 0) {
      const file = join(this.dir, 'browser-console-errors.txt');
      writeFileSync(file, `${this.browserErrors.join('\n')}\n`);
      saved.push(file);
    }
    return saved;
  }

  /** VS Code's own logs (extension host, output channels such as genmon's) from the user data folder. */
  private copyVsCodeLogs(userDataDir: string): string[] {
    const logsDir = join(userDataDir, 'logs');
    if (!existsSync(logsDir)) return [];
    const target = join(this.dir, 'vscode-logs');
    mkdirSync(target, { recursive: true });
    const copied: string[] = [];
    for (const file of listFiles(logsDir).filter((path) => path.endsWith('.log'))) {
      const flatName = relative(logsDir, file).replaceAll('/', '__');
      copyFileSync(file, join(target, flatName));
      copied.push(join(target, flatName));
    }
    return copied.length > 0 ? [target] : [];
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
