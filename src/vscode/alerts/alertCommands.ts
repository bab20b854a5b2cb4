import * as vscode from 'vscode';
import type { Alert } from '../../core/alerts/types';
import { evaluatorInfoFromJson } from '../../core/stream/header-evaluator';
import type { AugmentMethod } from '../../protocol/control';
import type { PanelHighlight } from '../../protocol/projectionPanel';
import { resolveConfigTarget } from '../config/configDocuments';
import type { ProjectionPanels } from '../panels/projection/registration';
import type { Run } from '../runs/run';
import type { RunManager } from '../runs/runManager';
import { alertGroup, isAlertTarget, type AlertTarget } from './alertActions';
import { alertRange } from './alertDiagnostics';
import { alertTargetOfNode } from './alertsView';

/** An alert command's argument: an AlertTarget (diagnostic action, notification) or an Alerts-view row. */
function targetOf(arg: unknown): AlertTarget | undefined {
  return isAlertTarget(arg) ? arg : alertTargetOfNode(arg);
}

function find(runs: RunManager, target: AlertTarget): { run: Run; alert: Alert } | undefined {
  const run = runs.get(vscode.Uri.parse(target.configUri));
  const alert = run?.alerts.find(target.alertId);
  if (!run || !alert) {
    void vscode.window.showInformationMessage('genmon: that alert is no longer known (its run was replaced or closed).');
    return undefined;
  }
  return { run, alert };
}

const LABELS: Readonly<Record<Alert['kind'], [string, string]>> = {
  bias: ['real samples of the group', 'nearest generated samples'],
  'mode-collapse': ['real samples no generated sample comes near', 'generated'],
  memorization: ['real samples copied', 'near-copies'],
  divergence: ['real', 'generated'],
  health: ['real', 'generated'],
};

async function showInPanel(runs: RunManager, panels: ProjectionPanels, log: vscode.LogOutputChannel, arg: unknown): Promise<void> {
  const target = targetOf(arg);
  const found = target && find(runs, target);
  if (!found) return;
  const { run, alert } = found;
  const panel = panels.show(run.configUri, false);
  const frames = run.timeline.frames;
  const newest = frames[frames.length - 1];
  const offset = newest ? run.timeline.offsetOf(newest.index) : undefined;
  const [realLabel, generatedLabel] = LABELS[alert.kind];
  const base: Omit<PanelHighlight, 'realRows' | 'generatedRows'> = { alertId: alert.id, message: alert.message, severity: alert.severity, realLabel, generatedLabel };
  if (offset === undefined) {
    panel.highlight({ ...base, realRows: [], generatedRows: [] });
    return;
  }
  try {
    const rows = await run.alerts.highlight(offset, alert);
    panel.highlight({ ...base, ...rows });
  } catch (error) {
    log.warn(`[${run.title}] could not find the points of ${alert.id}: ${error instanceof Error ? error.message : String(error)}`);
    panel.highlight({ ...base, realRows: [], generatedRows: [] });
  }
}

async function revealAlert(runs: RunManager, arg: unknown): Promise<void> {
  const target = targetOf(arg);
  const found = target && find(runs, target);
  if (!found) return;
  const document = await vscode.workspace.openTextDocument(found.run.configUri);
  const range = alertRange(document.getText(), found.alert);
  await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
}

/** The attribute group to augment: the alert's, or one the user picks from the run's evaluator attributes. */
async function pickGroup(run: Run, alert: Alert | undefined): Promise<Record<string, string> | undefined> {
  const fromAlert = alert && alertGroup(alert);
  if (fromAlert) return fromAlert;
  let attributes: { name: string; values: readonly string[] }[] = [];
  try {
    const evaluator = run.timeline.header?.evaluator;
    attributes = evaluator === undefined ? [] : [...evaluatorInfoFromJson(evaluator).attributes];
  } catch {
    attributes = [];
  }
  if (attributes.length === 0) {
    void vscode.window.showWarningMessage(`genmon: ${run.fileName}'s dataset has no attributes to augment a group of.`);
    return undefined;
  }
  const items = attributes.flatMap((attribute) => attribute.values.map((value) => ({ label: `${attribute.name} = ${value}`, group: { [attribute.name]: value } })));
  const picked = await vscode.window.showQuickPick(items, { title: 'Augment which group?', placeHolder: 'An attribute value whose samples the model under-represents' });
  return picked?.group;
}

async function pickAugmentation(groupText: string): Promise<{ method: AugmentMethod; factor?: number; folder?: string; count?: number } | undefined> {
  const methods: (vscode.QuickPickItem & { method: AugmentMethod })[] = [
    { label: 'Reweight', description: 'oversample the group by a factor', method: 'reweight' },
    { label: 'Add images…', description: 'add the images of a folder, labelled by its CSV or as this group', method: 'add-images' },
    { label: 'Synthesize', description: 'add samples drawn from the model with MaGNET uniform sampling, kept if they belong to the group', method: 'synthesize' },
  ];
  const method = await vscode.window.showQuickPick(methods, { title: `Augment ${groupText}` });
  if (!method) return undefined;
  if (method.method === 'add-images') {
    const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Add these images', title: `Images to add to ${groupText}` });
    return folder?.[0] ? { method: 'add-images', folder: folder[0].fsPath } : undefined;
  }
  const isFactor = method.method === 'reweight';
  const text = await vscode.window.showInputBox({
    title: isFactor ? `Oversample ${groupText} by` : `Samples of ${groupText} to synthesize`,
    // The generator follows the training share closely once a group is no longer rare: a large
    // factor turns "too few" into "too many" (docs/interventions.md, the sprites demo).
    value: isFactor ? '2' : '256',
    prompt: isFactor ? 'A factor of 2 is often enough; repeat it if the group stays rare, a large factor over-represents it' : undefined,
    validateInput: (value) => {
      const number = Number(value);
      if (isFactor) return number > 0 && number <= 1000 ? undefined : 'a factor above 0, at most 1000';
      return Number.isInteger(number) && number >= 1 && number <= 1_000_000 ? undefined : 'a whole number from 1 to 1,000,000';
    },
  });
  if (text === undefined) return undefined;
  return isFactor ? { method: 'reweight', factor: Number(text) } : { method: 'synthesize', count: Number(text) };
}

/** Pause (if training) → augment → offer to resume: the loop of the progressive-monitoring paper. */
async function augmentData(runs: RunManager, arg: unknown): Promise<void> {
  const target = targetOf(arg);
  let run: Run | undefined;
  let alert: Alert | undefined;
  if (target) {
    const found = find(runs, target);
    if (!found) return;
    ({ run, alert } = found);
  } else {
    const active = runs.all().filter((candidate) => candidate.isActive);
    const configUri = await resolveConfigTarget(arg, active.map((candidate) => candidate.configUri));
    run = configUri && runs.get(configUri);
  }
  if (!run?.isActive) {
    void vscode.window.showInformationMessage('genmon: augmenting data needs a run that is training; start or resume it first.');
    return;
  }
  const group = await pickGroup(run, alert);
  if (!group) return;
  const groupText = Object.entries(group).map(([name, value]) => `${name}=${value}`).join('+');
  const augmentation = await pickAugmentation(groupText);
  if (!augmentation) return;
  const wasRunning = !run.isPaused;
  if (wasRunning && !(await run.command('pause', 'pause training before augmenting'))) return;
  const ack = await run.request({ type: 'augment', group, ...augmentation }, `augment ${groupText}`);
  if (!ack) return;
  const choice = await vscode.window.showInformationMessage(`genmon: ${ack.note ?? `augmented ${groupText}`} — training is paused.`, 'Resume Training');
  if (choice === 'Resume Training') await run.command('resume', 'resume training');
}

export function registerAlertCommands(runs: RunManager, panels: ProjectionPanels, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('genmon.showAlertInPanel', (arg?: unknown) => showInPanel(runs, panels, log, arg)),
    vscode.commands.registerCommand('genmon.revealAlert', (arg?: unknown) => revealAlert(runs, arg)),
    vscode.commands.registerCommand('genmon.augmentData', (arg?: unknown) => augmentData(runs, arg)),
    vscode.commands.registerCommand('genmon.pauseForAlert', async (arg?: unknown) => {
      const target = targetOf(arg);
      const found = target && find(runs, target);
      if (found) await found.run.command('pause', 'pause training');
    }),
  ];
}
