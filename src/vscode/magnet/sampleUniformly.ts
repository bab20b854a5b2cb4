/**
 * Genmon: Sample Uniformly (MaGNET): asks a training (or paused) run's trainer for standard and
 * MaGNET samples (the control channel's `sample`), waits for their `sampled` event, compares both
 * sets with the real reference of the newest snapshot, and shows the comparison in the config's
 * Projection panel. Asks nothing: the defaults of docs/magnet.md apply unless a caller passes
 * `{ count }` (tests, keybindings).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analysisContext } from '../../core/analysis/analysisContext';
import { compareMagnetSamples } from '../../core/analysis/magnetComparison';
import { magnetComparisonPanelView } from '../../core/analysis/magnetComparisonView';
import { SAMPLE_LIMITS } from '../../protocol/control';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import { resolveConfigTarget } from '../config/configDocuments';
import type { ProjectionPanels } from '../panels/projection/registration';
import type { Run } from '../runs/run';
import type { RunManager } from '../runs/runManager';
import { waitForSampledEvent, type SampledWait } from './sampledEvent';

export const SAMPLE_UNIFORMLY_COMMAND = 'genmon.sampleUniformly';
/** A large image model's pool of Jacobians can take minutes between two steps. */
const WAIT_MS = 10 * 60 * 1000;

/** `{ count }` from a programmatic caller, or a config Uri from a CodeLens/menu; anything else is ignored. */
function requestedCount(arg: unknown): number | undefined {
  const count = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as { count?: unknown }).count : undefined;
  return typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= SAMPLE_LIMITS.maxCount ? count : undefined;
}

function configArg(arg: unknown): unknown {
  if (arg instanceof vscode.Uri) return arg;
  const uri = typeof arg === 'object' && arg !== null ? (arg as { configUri?: unknown }).configUri : undefined;
  return typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
}

async function pickRun(runs: RunManager, arg: unknown): Promise<Run | undefined> {
  const active = runs.all().filter((run) => run.isActive);
  const configUri = await resolveConfigTarget(configArg(arg), active.map((run) => run.configUri));
  if (!configUri) return undefined;
  const run = runs.get(configUri);
  if (!run?.isActive) {
    void vscode.window.showInformationMessage(`genmon: sampling needs a run of ${vscode.workspace.asRelativePath(configUri)} that is training or paused; start or resume it first.`);
    return undefined;
  }
  return run;
}

async function sampleUniformly(runs: RunManager, panels: ProjectionPanels, log: vscode.LogOutputChannel, arg: unknown): Promise<void> {
  const run = await pickRun(runs, arg);
  if (!run) return;
  if (!run.timeline.header || !run.latestSnapshot) {
    void vscode.window.showInformationMessage(`genmon: ${run.fileName} has no snapshot yet to compare samples with; try again once training has started.`);
    return;
  }
  const panel = panels.show(run.configUri, true);
  const streamPath = path.join(run.runDir, STREAM_FILE_NAME);
  // The event comes after everything in the stream now: reading from here skips the run's history.
  const fromOffset = (await fs.promises.stat(streamPath)).size;
  const count = requestedCount(arg);
  const ack = await run.request({ type: 'sample', method: 'magnet', ...(count !== undefined ? { count } : {}) }, 'sample uniformly (MaGNET)');
  if (!ack) return;
  const note = ack.note ?? 'drawing standard and MaGNET samples';
  panel.showMagnetStatus({ text: `${note}…`, kind: 'busy' });
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `genmon: ${run.fileName}: ${note}`, cancellable: true },
    (_progress, token) => waitForSampledEvent(streamPath, fromOffset, ack.id, { timeoutMs: WAIT_MS, cancelled: () => token.isCancellationRequested }),
  );
  show(run, panels, log, outcome);
}

function show(run: Run, panels: ProjectionPanels, log: vscode.LogOutputChannel, outcome: SampledWait): void {
  const panel = panels.show(run.configUri, true);
  if (outcome.kind !== 'sampled') {
    const text = outcome.kind === 'failed' ? outcome.message : outcome.kind === 'timeout' ? 'no samples were recorded within 10 minutes' : 'stopped waiting for the samples';
    panel.showMagnetStatus(outcome.kind === 'cancelled' ? null : { text, kind: 'error' });
    if (outcome.kind !== 'cancelled') void vscode.window.showWarningMessage(`genmon: ${run.fileName}: ${text}.`);
    return;
  }
  const header = run.timeline.header;
  const reference = run.latestSnapshot?.record;
  if (!header || !reference) return;
  try {
    const comparison = compareMagnetSamples(outcome.event, reference, analysisContext(header));
    for (const problem of comparison.problems) log.info(`[${run.title}] MaGNET comparison: ${problem}`);
    panel.showMagnetStatus(null);
    panel.showMagnetComparison(magnetComparisonPanelView(outcome.event, comparison, reference));
  } catch (error) {
    const message = `the samples could not be compared: ${error instanceof Error ? error.message : String(error)}`;
    log.warn(`[${run.title}] ${message}`);
    panel.showMagnetStatus({ text: message, kind: 'error' });
  }
}

export function registerMagnetCommands(runs: RunManager, panels: ProjectionPanels, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [vscode.commands.registerCommand(SAMPLE_UNIFORMLY_COMMAND, (arg?: unknown) => sampleUniformly(runs, panels, log, arg))];
}
