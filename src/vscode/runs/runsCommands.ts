import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatIteration } from '../../core/alerts/format';
import { configNameOf } from '../../core/monitor/runDirectory';
import { formatBytes, type CheckpointListing } from '../../core/run/runTree';
import { readStreamHeader } from '../../core/stream/header';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import type { ProjectionPanels } from '../panels/projection/registration';
import { openRunDirectory } from './openRun';
import type { RunManager } from './runManager';
import { configOfRun, type CheckpointNode, type RunNode, type RunsView } from './runsView';

function isNode<Kind extends 'run' | 'checkpoint'>(arg: unknown, kind: Kind): arg is Extract<RunNode | CheckpointNode, { kind: Kind }> {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === kind && 'run' in arg;
}

/** Asks for a run, then one of its checkpoints (newest first): how the palette reaches Resume from Checkpoint. */
async function pickCheckpoint(view: RunsView): Promise<CheckpointNode | undefined> {
  const candidates = (await view.runsWithCheckpoints()).filter((node) => node.run.state !== 'running');
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('genmon: no stopped run with a checkpoint was found. A run saves one when it stops or completes, and on Genmon: Save Checkpoint.');
    return undefined;
  }
  const run = await vscode.window.showQuickPick(
    candidates.map((node) => ({
      label: node.run.runId,
      description: [configNameOf(node.configUri.fsPath), node.run.state, node.run.lastIteration !== null ? `iteration ${formatIteration(node.run.lastIteration)}` : undefined].filter(Boolean).join(' · '),
      ...(node.run.branchOf ? { detail: `branch of ${node.run.branchOf.parentRunId} @ ${formatIteration(node.run.branchOf.checkpointIteration)}` } : {}),
      node,
    })),
    { title: 'Resume from Checkpoint (1/2): which run?', placeHolder: 'The run to go back in; it is kept as it is' },
  );
  if (!run) return undefined;
  const usable = run.node.run.checkpoints.filter((checkpoint) => !checkpoint.problem).reverse();
  const picked = await vscode.window.showQuickPick(
    usable.map((checkpoint: CheckpointListing) => ({
      label: `iteration ${formatIteration(checkpoint.iteration)}`,
      description: [checkpoint.savedAt ? new Date(checkpoint.savedAt).toLocaleString() : undefined, formatBytes(checkpoint.bytes), checkpoint.reason].filter(Boolean).join(' · '),
      checkpoint,
    })),
    { title: `Resume from Checkpoint (2/2): which checkpoint of ${run.node.run.runId}?`, placeHolder: 'A new branch run continues from it' },
  );
  return picked ? { kind: 'checkpoint', configUri: run.node.configUri, run: run.node.run, checkpoint: picked.checkpoint } : undefined;
}

/**
 * The config's maxIterations, or — when the checkpoint is already there — how far the user wants the
 * branch to train (undefined: cancelled). `null`: train to the config's maxIterations.
 */
async function branchTarget(node: CheckpointNode): Promise<number | null | undefined> {
  let maxIterations: number | undefined;
  try {
    const config = readStreamHeader(path.join(node.run.runDir, STREAM_FILE_NAME)).config as { training?: { maxIterations?: unknown } } | null;
    const recorded = config?.training?.maxIterations;
    maxIterations = typeof recorded === 'number' ? recorded : undefined;
  } catch {
    // The trainer reads the header again and reports what is wrong with it.
    return null;
  }
  const from = node.checkpoint.iteration;
  if (maxIterations === undefined || from < maxIterations) return null;
  const answer = await vscode.window.showInputBox({
    title: `Resume from iteration ${formatIteration(from)}`,
    prompt: `The run's config stops at iteration ${formatIteration(maxIterations)}. Train the branch up to which iteration?`,
    value: String(from + maxIterations),
    validateInput: (text) => (/^\d+$/.test(text.trim()) && Number(text) > from && Number.isSafeInteger(Number(text)) ? undefined : `a whole number above ${from}`),
  });
  return answer === undefined ? undefined : Number(answer.trim());
}

async function resumeFromCheckpoint(runs: RunManager, view: RunsView, panels: ProjectionPanels, arg: unknown): Promise<void> {
  const node = isNode(arg, 'checkpoint') ? arg : await pickCheckpoint(view);
  if (!node) return;
  if (node.run.state === 'running') {
    void vscode.window.showInformationMessage(`genmon: ${node.run.runId} is still training; stop it before resuming from one of its checkpoints.`);
    return;
  }
  const target = await branchTarget(node);
  if (target === undefined) return;
  const configUri = configOfRun(node);
  const branch = runs.startBranch(configUri, node.run.runDir, node.checkpoint.iteration, target ?? undefined);
  if (!branch) return;
  panels.show(configUri, true);
  view.refresh();
}

/** Resume from Checkpoint (palette and view), Open Run and Reveal on the Runs view's rows, and its refresh. */
export function registerRunsCommands(runs: RunManager, view: RunsView, panels: ProjectionPanels): vscode.Disposable[] {
  const resume = (arg?: unknown) => resumeFromCheckpoint(runs, view, panels, arg);
  return [
    vscode.commands.registerCommand('genmon.resumeFromCheckpoint', resume),
    vscode.commands.registerCommand('genmon.resumeFromHere', resume),
    vscode.commands.registerCommand('genmon.openRunFromView', (arg?: unknown) => {
      if (!isNode(arg, 'run')) return;
      const opened = openRunDirectory(runs, arg.run.runDir);
      if (opened) panels.show(opened.configUri, false);
    }),
    vscode.commands.registerCommand('genmon.revealRun', (arg?: unknown) => {
      if (isNode(arg, 'run')) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(arg.run.runDir));
    }),
    vscode.commands.registerCommand('genmon.refreshRuns', () => view.refresh(true)),
  ];
}
