import * as vscode from 'vscode';
import { groupValues } from '../../core/alerts/alertLocation';
import type { Alert } from '../../core/alerts/types';

/** What an alert's actions are about: the run's config and the alert's id. */
export interface AlertTarget {
  readonly configUri: string;
  readonly alertId: string;
}

export function isAlertTarget(value: unknown): value is AlertTarget {
  if (typeof value !== 'object' || value === null) return false;
  const { configUri, alertId } = value as Record<string, unknown>;
  return typeof configUri === 'string' && typeof alertId === 'string';
}

/** The attribute values of a bias alert's group, e.g. { shape: 'circle', color: 'red' }; undefined for other alerts. */
export function alertGroup(alert: Pick<Alert, 'kind' | 'evidence'>): Record<string, string> | undefined {
  if (alert.kind !== 'bias') return undefined;
  const values = groupValues(alert.evidence.group);
  return values.length > 0 ? Object.fromEntries(values) : undefined;
}

/**
 * The actions every alert offers — in its diagnostic's quick fixes, its notification and the Alerts
 * view: pause the run, augment the group (bias alerts about a group), show the alert in the panel.
 */
export function alertCommands(configUri: vscode.Uri, alert: Alert, runActive: boolean): vscode.Command[] {
  const target: AlertTarget = { configUri: configUri.toString(), alertId: alert.id };
  const commands: vscode.Command[] = [];
  if (runActive) commands.push({ title: 'Pause training', command: 'genmon.pauseTraining', arguments: [configUri] });
  if (alertGroup(alert)) commands.push({ title: 'Augment this group…', command: 'genmon.augmentData', arguments: [target] });
  commands.push({ title: 'Show in panel', command: 'genmon.showAlertInPanel', arguments: [target] });
  return commands;
}
