import * as vscode from 'vscode';
import { formatIteration } from '../../core/alerts/format';
import type { Alert } from '../../core/alerts/types';
import { Disposable } from '../dispose';
import type { Run } from '../runs/run';
import type { RunManager } from '../runs/runManager';
import type { AlertTarget } from './alertActions';

export const ALERTS_VIEW_ID = 'genmon.alerts';

type Node = { readonly kind: 'run'; readonly run: Run } | { readonly kind: 'alert'; readonly run: Run; readonly alert: Alert };

const ICONS: Readonly<Record<Alert['severity'], vscode.ThemeIcon>> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  info: new vscode.ThemeIcon('info'),
};

/** "bias · circle+red", "mode-collapse · modes": what the alert is about, short enough for a tree row. */
function shortLabel(alert: Alert): string {
  const subject = alert.id.split(':').slice(1).join(':').replace(/[a-z]+=/gi, '');
  return `${alert.kind} · ${subject}`;
}

function tooltip(run: Run, alert: Alert): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(`**${alert.message}**\n\n`);
  markdown.appendMarkdown(`${run.title} · ${alert.severity} · rule \`${alert.rulePath.join('.')}\`\n\n`);
  const evidence = Object.entries(alert.evidence).map(([key, value]) => `| ${key} | ${typeof value === 'number' ? Number(value.toPrecision(4)) : String(value)} |`);
  if (evidence.length > 0) markdown.appendMarkdown(['| evidence | value |', '| --- | --- |', ...evidence].join('\n'));
  return markdown;
}

/**
 * The Alerts view (Explorer): each run with alerts, its active alerts first, then past ones with
 * the iteration they cleared at. Selecting an alert shows its line in the config; the row's inline
 * actions show it in the Projection panel or pause the run.
 */
export class AlertsView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly runs: RunManager) {
    super();
    this.register(runs.onDidAddRun(() => this.changeEmitter.fire(undefined)));
    this.register(runs.onDidChangeAlerts(() => this.changeEmitter.fire(undefined)));
    // Pause is offered only while the run trains.
    this.register(runs.onDidChangeRun(() => this.changeEmitter.fire(undefined)));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.runs.all().filter((run) => run.alerts.alerts.length > 0).map((run) => ({ kind: 'run', run }));
    if (node.kind === 'run') return node.run.alerts.alerts.map((alert) => ({ kind: 'alert', run: node.run, alert }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'run') {
      const active = node.run.alerts.active.length;
      const item = new vscode.TreeItem(node.run.title, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${active} active · ${node.run.alerts.alerts.length - active} past`;
      item.tooltip = node.run.runDir;
      item.iconPath = new vscode.ThemeIcon('pulse');
      return item;
    }
    const { run, alert } = node;
    const item = new vscode.TreeItem(shortLabel(alert), vscode.TreeItemCollapsibleState.None);
    const cleared = alert.clearedIteration;
    item.description = cleared === null ? `since ${formatIteration(alert.firstSeenIteration)}` : `${formatIteration(alert.firstSeenIteration)}–${formatIteration(cleared)}, cleared`;
    item.tooltip = tooltip(run, alert);
    item.iconPath = cleared === null ? ICONS[alert.severity] : new vscode.ThemeIcon('pass');
    item.contextValue = cleared === null && run.isActive ? 'genmon.alert.activeRun' : 'genmon.alert';
    const target: AlertTarget = { configUri: run.configUri.toString(), alertId: alert.id };
    item.command = { title: 'Show in config', command: 'genmon.revealAlert', arguments: [target] };
    return item;
  }
}

/** Makes tree rows usable as command arguments for the inline actions (which receive the node). */
export function alertTargetOfNode(node: unknown): AlertTarget | undefined {
  const candidate = node as Partial<Node> | undefined;
  if (candidate?.kind !== 'alert' || !candidate.run || !candidate.alert) return undefined;
  return { configUri: candidate.run.configUri.toString(), alertId: candidate.alert.id };
}
