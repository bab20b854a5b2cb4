import * as vscode from 'vscode';
import type { Alert, AlertSeverity } from '../../core/alerts/types';
import { Disposable } from '../dispose';
import type { Run } from '../runs/run';
import type { RunManager } from '../runs/runManager';
import { alertCommands } from './alertActions';

const RANK: Readonly<Record<AlertSeverity, number>> = { info: 0, warning: 1, error: 2 };

export type NotifyLevel = AlertSeverity | 'off';

/**
 * A notification for each alert that fires live at or above the `genmon.alerts.notify` level
 * (default: errors), with the alert's actions. Each alert is announced once per run: one that
 * clears and fires again, or a window that reads the run's log back, does not announce it again.
 */
export class AlertNotifications extends Disposable {
  private readonly announced = new Map<string, Set<string>>();

  constructor(
    runs: RunManager,
    private readonly level: () => NotifyLevel,
  ) {
    super();
    this.register(runs.onDidChangeRunAlerts(({ run, fired }) => fired.forEach((alert) => this.announce(run, alert))));
  }

  private announce(run: Run, alert: Alert): void {
    const level = this.level();
    if (level === 'off' || RANK[alert.severity] < RANK[level]) return;
    const seen = this.announced.get(run.runDir) ?? new Set<string>();
    this.announced.set(run.runDir, seen);
    if (seen.has(alert.id)) return;
    seen.add(alert.id);
    const commands = alertCommands(run.configUri, alert, run.isActive);
    const show = alert.severity === 'error' ? vscode.window.showErrorMessage : alert.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`genmon (${run.title}): ${alert.message}`, ...commands.map((command) => command.title)).then((choice) => {
      const command = commands.find((candidate) => candidate.title === choice);
      if (command) void vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    });
  }
}
