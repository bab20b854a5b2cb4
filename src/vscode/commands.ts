import * as vscode from 'vscode';
import { resolveConfigTarget } from './config/configDocuments';
import { openRunDirectory, pickRunDirectory } from './runs/openRun';
import type { ProjectionPanels } from './panels/projection/registration';
import type { Run } from './runs/run';
import type { RunManager } from './runs/runManager';

/** The command palette entries; each accepts the config's Uri when invoked from a CodeLens or editor title. */
export function registerCommands(runs: RunManager, panels: ProjectionPanels, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('genmon.startTraining', async (arg?: unknown) => {
      const configUri = await resolveConfigTarget(arg);
      if (!configUri) return;
      const run = await runs.start(configUri);
      if (run) panels.show(configUri, true);
    }),
    vscode.commands.registerCommand('genmon.stopTraining', async (arg?: unknown) => {
      const active = runs.all().filter((run) => run.isActive);
      const configUri = await resolveConfigTarget(arg, active.map((run) => run.configUri));
      if (!configUri) return;
      if (!(await runs.stop(configUri))) {
        void vscode.window.showInformationMessage(`genmon: ${vscode.workspace.asRelativePath(configUri)} is not training.`);
      }
    }),
    vscode.commands.registerCommand('genmon.pauseTraining', async (arg?: unknown) => {
      const run = await activeRunFor(runs, arg);
      const ack = await run?.command('pause', 'pause training');
      if (ack?.note) void vscode.window.showInformationMessage(`genmon: ${ack.note}`);
    }),
    vscode.commands.registerCommand('genmon.resumeTraining', async (arg?: unknown) => {
      const run = await activeRunFor(runs, arg);
      const ack = await run?.command('resume', 'resume training');
      if (ack?.note) void vscode.window.showInformationMessage(`genmon: ${ack.note}`);
    }),
    vscode.commands.registerCommand('genmon.saveCheckpoint', async (arg?: unknown) => {
      const run = await activeRunFor(runs, arg);
      const ack = await run?.command('checkpoint', 'save a checkpoint');
      if (ack?.checkpoint) {
        void vscode.window.showInformationMessage(`genmon: checkpoint of ${run?.fileName} saved at iteration ${ack.iteration}.`);
        log.info(`checkpoint written: ${ack.checkpoint}`);
      }
    }),
    vscode.commands.registerCommand('genmon.showProjection', async (arg?: unknown) => {
      const configUri = await resolveConfigTarget(arg, runs.all().map((run) => run.configUri));
      if (configUri) panels.show(configUri, false);
    }),
    vscode.commands.registerCommand('genmon.openRun', async (arg?: unknown) => {
      const runDir = arg instanceof vscode.Uri ? arg : await pickRunDirectory();
      if (!runDir) return;
      const opened = openRunDirectory(runs, runDir.fsPath);
      if (opened) panels.show(opened.configUri, false);
    }),
    vscode.commands.registerCommand('genmon.showOutput', () => log.show(true)),
  ];
}

/** The training run a pause/resume/checkpoint command is about; says so when there is none. */
async function activeRunFor(runs: RunManager, arg: unknown): Promise<Run | undefined> {
  const active = runs.all().filter((run) => run.isActive);
  const configUri = await resolveConfigTarget(arg, active.map((run) => run.configUri));
  if (!configUri) return undefined;
  const run = runs.get(configUri);
  if (!run?.isActive) {
    void vscode.window.showInformationMessage(`genmon: ${vscode.workspace.asRelativePath(configUri)} is not training.`);
    return undefined;
  }
  return run;
}
