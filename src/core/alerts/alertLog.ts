/**
 * The run's alert record, `alerts.jsonl` in the run directory: one JSON object per line, appended,
 * never rewritten. `change` lines are what the engine reported (fired / updated / cleared);
 * `state` lines carry the engine's state so a resumed run continues its counts. Reading tolerates
 * what a crash leaves behind: a torn last line is ignored (and reported), a later append starts on
 * a fresh line, and a malformed line elsewhere is skipped with its line number.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALERT_ENGINE_STATE_VERSION, type AlertEngineState } from './alertEngine';
import type { Alert, AlertChange } from './types';

export const ALERT_LOG_FILE = 'alerts.jsonl';

export type AlertLogRecord = ({ readonly type: 'change' } & AlertChange) | { readonly type: 'state'; readonly iteration: number | null; readonly state: AlertEngineState };

export interface AlertLogContents {
  readonly changes: readonly AlertChange[];
  /** The latest version of every alert ever fired (active ones have clearedIteration null), by first appearance. */
  readonly alerts: readonly Alert[];
  /** The last engine state recorded, if any. */
  readonly state: AlertEngineState | null;
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
    if (records.length === 0) return;
    let text = records.map((record) => JSON.stringify(record)).join('\n') + '\n';
    if (endsMidLine(this.path)) text = '\n' + text;
    fs.appendFileSync(this.path, text, 'utf8');
  }

  read(): AlertLogContents {
    return readAlertLog(this.path);
  }
}

function endsMidLine(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads an alerts.jsonl file; a missing file is an empty log. */
export function readAlertLog(file: string): AlertLogContents {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { changes: [], alerts: [], state: null, problems: [] };
    throw error;
  }
  return parseAlertLog(text);
}

export function parseAlertLog(text: string): AlertLogContents {
  const problems: string[] = [];
  const changes: AlertChange[] = [];
  const latest = new Map<string, Alert>();
  let state: AlertEngineState | null = null;
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text.length === 0;
  lines.forEach((line, index) => {
    const isLast = index === lines.length - 1;
    if (line.trim() === '') return;
    if (isLast && !complete) {
      problems.push(`line ${index + 1}: incomplete last line ignored (the writer stopped mid-line)`);
      return;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push(`line ${index + 1}: not valid JSON, skipped`);
      return;
    }
    if (isChange(record)) {
      const { type: _type, ...change } = record;
      changes.push(change);
      latest.set(change.alert.id, change.alert);
    } else if (isState(record)) {
      state = record.state;
    } else {
      problems.push(`line ${index + 1}: not an alert record, skipped`);
    }
  });
  return { changes, alerts: [...latest.values()], state, problems };
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
