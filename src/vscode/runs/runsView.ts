import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatIteration } from '../../core/alerts/format';
import { configNameOf, resolveRunsRoot } from '../../core/monitor/runDirectory';
import { formatBytes, RunTreeReader, type CheckpointListing, type RunListing, type RunListingState } from '../../core/run/runTree';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import { CONFIG_GLOB } from '../config/configDocuments';
import { Disposable } from '../dispose';
import { readSettings } from '../settings';
import type { RunManager } from './runManager';

export const RUNS_VIEW_ID = 'genmon.runs';

export interface ConfigNode {
  readonly kind: 'config';
  readonly configUri: vscode.Uri;
  readonly runsRoot: string;
}

export interface RunNode {
  readonly kind: 'run';
  /** The config the run was listed under; its header's config path wins when it has one. */
  readonly configUri: vscode.Uri;
  readonly run: RunListing;
}

export interface CheckpointNode {
  readonly kind: 'checkpoint';
  readonly configUri: vscode.Uri;
  readonly run: RunListing;
  readonly checkpoint: CheckpointListing;
}

export type RunsNode = ConfigNode | RunNode | CheckpointNode;

/** Snapshots arrive every few seconds while a run trains: redraw at most this often for them. */
const REFRESH_DELAY_MS = 1_000;

const STATE_ICONS: Readonly<Record<RunListingState, string>> = {
  running: 'sync~spin',
  completed: 'pass',
  stopped: 'debug-stop',
  error: 'error',
  interrupted: 'warning',
  unreadable: 'error',
};

/** The config a run belongs to: the one its header names (as Open Run does), else the one it is listed under. */
export function configOfRun(node: RunNode | CheckpointNode): vscode.Uri {
  return node.run.configPath !== undefined ? vscode.Uri.file(node.run.configPath) : node.configUri;
}

function runDescription(run: RunListing): string {
  const parts: string[] = [run.state];
  if (run.lastIteration !== null) parts.push(`iteration ${formatIteration(run.lastIteration)}`);
  if (run.branchOf) parts.push(`branch of ${run.branchOf.parentRunId} @ ${formatIteration(run.branchOf.checkpointIteration)}`);
  return parts.join(' · ');
}

function runTooltip(run: RunListing): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown(`**${run.runId}** · ${run.state}\n\n`);
  markdown.appendText(run.runDir);
  if (run.createdAt) markdown.appendMarkdown(`\n\nstarted ${new Date(run.createdAt).toLocaleString()}`);
  if (run.branchOf) {
    markdown.appendMarkdown(`\n\nbranch of run ${run.branchOf.parentRunId} from its checkpoint at iteration ${formatIteration(run.branchOf.checkpointIteration)} (`);
    markdown.appendText(run.branchOf.parentRunDir);
    markdown.appendMarkdown(')');
  }
  if (run.problem) markdown.appendMarkdown('\n\n').appendText(run.problem);
  return markdown;
}

function checkpointDescription(checkpoint: CheckpointListing): string {
  if (checkpoint.problem) return 'unreadable';
  const parts = [checkpoint.savedAt ? new Date(checkpoint.savedAt).toLocaleString() : undefined, formatBytes(checkpoint.bytes), checkpoint.reason];
  return parts.filter((part) => part !== undefined).join(' · ');
}

/**
 * The Runs view (Explorer): each experiment config → its runs, newest first, with state, last
 * iteration and the run a branch came from → each run's checkpoints, newest first. A checkpoint's
 * **Resume from Here** starts a branch run. The view redraws when this window starts or opens a run,
 * when a run it shows gets snapshots, and when streams, checkpoints or configs appear in the workspace.
 */
export class RunsView extends Disposable implements vscode.TreeDataProvider<RunsNode> {
  private readonly reader = new RunTreeReader();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<RunsNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private configs: Promise<readonly vscode.Uri[]> | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly runs: RunManager) {
    super();
    this.register(runs.onDidAddRun(() => this.refresh()));
    this.register(runs.onDidChangeRun(() => this.scheduleRefresh()));
    const configWatcher = this.register(vscode.workspace.createFileSystemWatcher(CONFIG_GLOB, false, true, false));
    this.register(configWatcher.onDidCreate(() => this.refresh(true)));
    this.register(configWatcher.onDidDelete(() => this.refresh(true)));
    // Runs written by the CLI or another window: new streams and checkpoints (checkpoints publish by renaming their folder).
    const runWatcher = this.register(vscode.workspace.createFileSystemWatcher('**/{stream.gms,checkpoints/*,checkpoints/*/manifest.json}', false, true, false));
    this.register(runWatcher.onDidCreate(() => this.scheduleRefresh()));
    this.register(runWatcher.onDidDelete(() => this.scheduleRefresh()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('genmon.runDirectory') && this.refresh()));
    this.register({ dispose: () => clearTimeout(this.refreshTimer) });
  }

  /** Redraws now; `configsChanged` also looks for the workspace's configs again. */
  refresh(configsChanged = false): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (configsChanged) this.configs = undefined;
    this.changeEmitter.fire(undefined);
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) {
      const configs = await this.configNodes();
      // A full redraw starts here: forget streams of runs that are no longer listed anywhere.
      this.reader.retainRunsUnder(configs.map((config) => config.runsRoot), this.runs.all().map((run) => run.runDir));
      return configs;
    }
    if (node.kind === 'config') {
      return this.runsOf(node)
        .reverse()
        .map((run) => ({ kind: 'run', configUri: node.configUri, run }));
    }
    if (node.kind === 'run') {
      return [...node.run.checkpoints].reverse().map((checkpoint) => ({ kind: 'checkpoint', configUri: node.configUri, run: node.run, checkpoint }));
    }
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    if (node.kind === 'config') {
      // A config without runs has nothing to expand: no twistie, one line.
      const hasRuns = this.runsOf(node).length > 0;
      const item = new vscode.TreeItem(configNameOf(node.configUri.fsPath), hasRuns ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.description = vscode.workspace.asRelativePath(node.configUri);
      item.tooltip = `Runs in ${node.runsRoot}`;
      item.iconPath = new vscode.ThemeIcon('beaker');
      item.resourceUri = node.configUri;
      item.contextValue = 'genmon.runsConfig';
      return item;
    }
    if (node.kind === 'run') {
      const { run } = node;
      const collapsible = run.checkpoints.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
      const item = new vscode.TreeItem(run.runId, collapsible);
      item.id = `run:${run.runDir}`;
      item.description = runDescription(run);
      item.tooltip = runTooltip(run);
      item.iconPath = new vscode.ThemeIcon(run.branchOf && run.state !== 'running' ? 'git-branch' : STATE_ICONS[run.state]);
      item.contextValue = 'genmon.run';
      return item;
    }
    const { checkpoint } = node;
    const item = new vscode.TreeItem(`iteration ${formatIteration(checkpoint.iteration)}`, vscode.TreeItemCollapsibleState.None);
    item.id = `checkpoint:${checkpoint.path}`;
    item.description = checkpointDescription(checkpoint);
    item.tooltip = checkpoint.problem ?? `${checkpoint.path}\n\nResume from Here starts a new branch run from this checkpoint; this run is kept as it is.`;
    item.iconPath = new vscode.ThemeIcon(checkpoint.problem ? 'warning' : 'history');
    // Only a stopped run's checkpoints can start a branch: the trainer refuses while one writes the run.
    item.contextValue = checkpoint.problem ? 'genmon.checkpoint.unreadable' : node.run.state === 'running' ? 'genmon.checkpoint.live' : 'genmon.checkpoint';
    return item;
  }

  /** Every run with a usable checkpoint, for the palette's pickers; newest first. */
  async runsWithCheckpoints(): Promise<RunNode[]> {
    const configs = await this.configNodes();
    return configs.flatMap((config) =>
      this.runsOf(config)
        .filter((run) => run.checkpoints.some((checkpoint) => !checkpoint.problem))
        .reverse()
        .map((run): RunNode => ({ kind: 'run', configUri: config.configUri, run })),
    );
  }

  private async configNodes(): Promise<ConfigNode[]> {
    this.configs ??= Promise.resolve(vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 500)).catch(() => []);
    const found = await this.configs;
    const byPath = new Map<string, vscode.Uri>();
    for (const uri of [...found, ...this.runs.all().map((run) => run.configUri)]) if (uri.scheme === 'file') byPath.set(uri.fsPath, uri);
    const nodes = [...byPath.values()].map((configUri): ConfigNode => ({ kind: 'config', configUri, runsRoot: resolveRunsRoot(configUri.fsPath, readSettings(configUri).runDirectory) }));
    // Configs that have runs come first, most recently started first: what a user is working on,
    // not the alphabet, decides what fits in the view without scrolling.
    const newestRun = new Map(nodes.map((node) => [node, this.runsOf(node).reduce<string | undefined>((newest, run) => (newest === undefined || (run.createdAt ?? '') > newest ? (run.createdAt ?? '') : newest), undefined)]));
    return nodes.sort((a, b) => {
      const [newestA, newestB] = [newestRun.get(a), newestRun.get(b)];
      if (newestA !== undefined && newestB !== undefined && newestA !== newestB) return newestB.localeCompare(newestA);
      if ((newestA === undefined) !== (newestB === undefined)) return newestA === undefined ? 1 : -1;
      return a.configUri.fsPath.localeCompare(b.configUri.fsPath);
    });
  }

  /** The config's runs folder, plus a run this window shows for it from elsewhere (opened with Open Run…). */
  private runsOf(config: ConfigNode): RunListing[] {
    const listed = this.reader.listRuns(config.runsRoot);
    const shown = this.runs.get(config.configUri);
    const elsewhere = shown && !listed.some((run) => path.resolve(run.runDir) === path.resolve(shown.runDir));
    // A run just started has no stream for a moment: it is listed once the trainer creates it.
    if (shown && elsewhere && existsSync(path.join(shown.runDir, STREAM_FILE_NAME))) listed.push(this.reader.readRun(shown.runDir));
    return listed;
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer || this.isDisposed) return;
    this.refreshTimer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }
}
