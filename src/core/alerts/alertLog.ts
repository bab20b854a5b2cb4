/**
 * The run's alert record, `alerts.jsonl` in the run directory: one JSON object per line, appended,
 * never rewritten (src/core/run/jsonLines.ts says how torn lines are handled). `change` lines are
 * what the engine reported (fired / updated / cleared); `state` lines carry the engine's state so a
 * resumed run continues its counts.
 */
import * as path from 'node:path';
import { appendJsonLines, parseJsonLines, readJsonLines, type JsonLinesContents } from '../run/jsonLines';
import { ALERT_ENGINE_STATE_VERSION, type AlertEngineState } from './alertEngine';
import { currentAlertId } from './legacyIds';
import type { Alert, AlertChange } from './types';

export const ALERT_LOG_FILE = 'alerts.jsonl';

export type AlertLogRecord = ({ readonly type: 'change' } & AlertChange) | { readonly type: 'state'; readonly iteration: number | null; readonly state: AlertEngineState };

export interface AlertLogContents {
  readonly changes: readonly AlertChange[];
  /** The latest version of every alert ever fired (active ones have clearedIteration null), by first appearance. */
  readonly alerts: readonly Alert[];
  /** The last engine state recorded, if any. */
  readonly state: AlertEngineState | null;
  /** Every engine state recorded, in order (a resumed run goes back to one of them). */
  readonly states: readonly AlertEngineState[];
  readonly problems: readonly string[];
}

export class AlertLog {
  readonly path: string;

  constructor(runDirectory: string) {
    this.path = path.join(runDirectory, ALERT_LOG_FILE);
  }

  /** Appends the changes (and optionally the engine state) in one write. */
  append(changes: readonly AlertChange[], state?: AlertEngineState): void {
    const records: AlertLogRecord[] = changes.map((change) => ({ type: 'change', ...change }));
    if (state) records.push({ type: 'state', iteration: state.lastIteration, state });
    appendJsonLines(this.path, records);
  }

  read(): AlertLogContents {
    return readAlertLog(this.path);
  }
}

/** Reads an alerts.jsonl file; a missing file is an empty log. */
export function readAlertLog(file: string): AlertLogContents {
  return alertLogFrom(readJsonLines(file));
}

export function parseAlertLog(text: string): AlertLogContents {
  return alertLogFrom(parseJsonLines(text));
}

function alertLogFrom(contents: JsonLinesContents): AlertLogContents {
  const problems = [...contents.problems];
  const changes: AlertChange[] = [];
  const latest = new Map<string, Alert>();
  const states: AlertEngineState[] = [];
  for (const { line, value } of contents.lines) {
    if (isChange(value)) {
      const { type: _type, ...recorded } = value;
      const change = { ...recorded, alert: { ...recorded.alert, id: currentAlertId(recorded.alert) } };
      changes.push(change);
      latest.set(change.alert.id, change.alert);
    } else if (isState(value)) {
      states.push(value.state);
    } else {
      problems.push(`line ${line}: not an alert record, skipped`);
    }
  }
  return { changes, alerts: [...latest.values()], state: states[states.length - 1] ?? null, states, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChange(record: unknown): record is { type: 'change' } & AlertChange {
  if (!isObject(record) || record.type !== 'change') return false;
  const alert = record.alert;
  return (
    (record.change === 'fired' || record.change === 'updated' || record.change === 'cleared') &&
    typeof record.iteration === 'number' &&
    isObject(alert) && typeof alert.id === 'string' && typeof alert.kind === 'string' && typeof alert.message === 'string' && typeof alert.firstSeenIteration === 'number'
  );
}

function isState(record: unknown): record is { type: 'state'; iteration: number | null; state: AlertEngineState } {
  return isObject(record) && record.type === 'state' && isObject(record.state) && record.state.version === ALERT_ENGINE_STATE_VERSION && isObject(record.state.conditions);
}
