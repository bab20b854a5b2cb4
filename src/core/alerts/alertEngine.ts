/**
 * The alert state machine. Feed it each snapshot's metrics (in iteration order) with the
 * evaluator's trust map; it returns what changed: alerts that fired, active alerts whose evidence
 * was refreshed, and alerts that cleared. Hysteresis per rule (rules.ts): fire after `fireAfter`
 * consecutive snapshots on which the condition holds, clear after `clearAfter` consecutive ones on
 * which it does not. Pure: no clock, no files; its state is plain JSON (`state()` / `restore`) so a
 * resumed or reopened run continues where it stopped.
 */
import type { SnapshotMetrics } from '../metrics/snapshotMetrics';
import { observe, type ConditionMemory, type Observation } from './conditions';
import { formatIteration, snapshots } from './format';
import { currentAlertId, isLegacyBiasId } from './legacyIds';
import { resolveAlertRules, type AlertRules, type AlertRulesInput } from './rules';
import type { Alert, AlertChange, SuppressedCondition, TrustMap } from './types';

export const ALERT_ENGINE_STATE_VERSION = 1;

interface ConditionState {
  /** Consecutive snapshots on which the condition held. */
  streak: number;
  /** Iteration of the first snapshot of the current streak. */
  streakStart: number;
  /** Consecutive snapshots without the condition while the alert is active. */
  calm: number;
  active: Alert | null;
}

export interface AlertEngineState {
  readonly version: number;
  readonly lastIteration: number | null;
  readonly bestFrechet: number | null;
  /** Absent in states recorded before these were kept. */
  readonly firstFrechet?: number | null;
  readonly bestPrecision?: number | null;
  readonly bestHighQuality?: number | null;
  readonly conditions: Readonly<Record<string, ConditionState>>;
}

export interface AlertUpdate {
  readonly iteration: number;
  readonly changes: readonly AlertChange[];
  /** Conditions not judged this snapshot, with why (untrusted attributes). */
  readonly suppressed: readonly SuppressedCondition[];
}

export class AlertEngine {
  private rules: AlertRules;
  private readonly conditions = new Map<string, ConditionState>();
  private readonly memory: ConditionMemory = { bestFrechet: null, firstFrechet: null, bestPrecision: null, bestHighQuality: null };
  private lastIteration: number | null = null;
  /** Problems found in the rules given (unknown keys, bad values); defaults were used instead. */
  readonly ruleProblems: readonly string[];

  constructor(rules?: AlertRulesInput | AlertRules, state?: AlertEngineState) {
    const resolved = resolveAlertRules(rules);
    this.rules = resolved.rules;
    this.ruleProblems = resolved.problems;
    if (state) this.load(state);
  }

  get activeRules(): AlertRules {
    return this.rules;
  }

  /** New rules (an edited config) apply from the next snapshot; counts so far are kept. */
  setRules(rules: AlertRulesInput | AlertRules): readonly string[] {
    const resolved = resolveAlertRules(rules);
    this.rules = resolved.rules;
    return resolved.problems;
  }

  observe(metrics: SnapshotMetrics, trust?: TrustMap): AlertUpdate {
    const iteration = metrics.iteration;
    if (this.lastIteration !== null && iteration <= this.lastIteration) {
      throw new RangeError(`snapshots must arrive in iteration order: got ${iteration} after ${this.lastIteration}`);
    }
    this.lastIteration = iteration;
    const { observations, suppressed } = observe(metrics, this.rules, trust, this.memory);
    const changes: AlertChange[] = [];
    for (const observation of observations) {
      const change = this.step(observation, iteration);
      if (change) changes.push(change);
    }
    return { iteration, changes, suppressed };
  }

  /** Alerts currently active, oldest first. */
  active(): Alert[] {
    return [...this.conditions.values()].flatMap((c) => (c.active ? [c.active] : [])).sort((a, b) => a.firstSeenIteration - b.firstSeenIteration || a.id.localeCompare(b.id));
  }

  state(): AlertEngineState {
    const conditions: Record<string, ConditionState> = {};
    for (const [id, c] of this.conditions) conditions[id] = { ...c };
    return { version: ALERT_ENGINE_STATE_VERSION, lastIteration: this.lastIteration, bestFrechet: this.memory.bestFrechet, firstFrechet: this.memory.firstFrechet, bestPrecision: this.memory.bestPrecision, bestHighQuality: this.memory.bestHighQuality, conditions };
  }

  private load(state: AlertEngineState): void {
    if (state.version !== ALERT_ENGINE_STATE_VERSION) throw new Error(`alert engine state version ${String(state.version)} is not supported (expected ${ALERT_ENGINE_STATE_VERSION})`);
    this.lastIteration = state.lastIteration;
    this.memory.bestFrechet = state.bestFrechet;
    this.memory.firstFrechet = state.firstFrechet ?? null;
    this.memory.bestPrecision = state.bestPrecision ?? null;
    this.memory.bestHighQuality = state.bestHighQuality ?? null;
    for (const [savedId, c] of Object.entries(state.conditions)) {
      // A legacy bias streak without an alert cannot tell its direction: it starts again.
      if (isLegacyBiasId(savedId) && !c.active) continue;
      const id = c.active ? currentAlertId({ id: savedId, evidence: c.active.evidence }) : savedId;
      this.conditions.set(id, { streak: c.streak, streakStart: c.streakStart, calm: c.calm, active: c.active && { ...c.active, id } });
    }
  }

  private step(observation: Observation, iteration: number): AlertChange | null {
    const rule = this.rules[observation.rule];
    let condition = this.conditions.get(observation.id);
    if (!condition) {
      condition = { streak: 0, streakStart: iteration, calm: 0, active: null };
      this.conditions.set(observation.id, condition);
    }
    if (observation.holds) {
      if (condition.streak === 0) condition.streakStart = iteration;
      condition.streak++;
      condition.calm = 0;
      const firstSeen = condition.active ? condition.active.firstSeenIteration : condition.streakStart;
      const alert = this.alertFor(observation, condition.streak, firstSeen, iteration);
      if (condition.active) {
        condition.active = alert;
        return { change: 'updated', iteration, alert };
      }
      if (condition.streak >= rule.fireAfter) {
        condition.active = alert;
        return { change: 'fired', iteration, alert };
      }
      return null;
    }
    condition.streak = 0;
    if (!condition.active) return null;
    condition.calm++;
    if (condition.calm < rule.clearAfter) return null;
    const cleared: Alert = { ...condition.active, clearedIteration: iteration };
    condition.active = null;
    condition.calm = 0;
    return { change: 'cleared', iteration, alert: cleared };
  }

  private alertFor(observation: Observation, streak: number, firstSeen: number, iteration: number): Alert {
    return {
      id: observation.id,
      kind: observation.kind,
      severity: observation.severity,
      rule: observation.rule,
      message: `${observation.statement} for ${snapshots(streak)}, since iteration ${formatIteration(firstSeen)}`,
      evidence: observation.evidence,
      firstSeenIteration: firstSeen,
      lastSeenIteration: iteration,
      clearedIteration: null,
      configPath: observation.configPath,
      rulePath: ['alerts', observation.rule],
    };
  }
}
