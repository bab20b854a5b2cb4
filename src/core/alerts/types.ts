/** What the alert engine reports; plain JSON, as recorded in a run's alerts.jsonl. */

export type AlertKind = 'bias' | 'mode-collapse' | 'memorization' | 'divergence' | 'health';
export type AlertSeverity = 'info' | 'warning' | 'error';
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'error'];

/** Section of the `alerts:` config a rule lives in. */
export type AlertRuleKey = 'bias' | 'modeCollapse' | 'memorization' | 'divergence' | 'health';

export type Evidence = Readonly<Record<string, number | string | boolean | null>>;

export interface Alert {
  /** Stable per rule and subject, e.g. "bias:under:shape=circle+colour=red"; a condition that returns reuses it. */
  readonly id: string;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  readonly rule: AlertRuleKey;
  /** A sentence for people, e.g. "generated 'circle+red' share is 0.21× its real share for 3 snapshots, since iteration 1,200". */
  readonly message: string;
  /** The metric values behind the message, at the latest snapshot where the condition held. */
  readonly evidence: Evidence;
  /** First snapshot of the streak that fired it. */
  readonly firstSeenIteration: number;
  readonly lastSeenIteration: number;
  /** Snapshot at which it cleared; null while active. */
  readonly clearedIteration: number | null;
  /** Config key path the alert concerns (what a person would change), e.g. ['dataset'] or ['training', 'learningRate']. */
  readonly configPath: readonly string[];
  /** Config key path of the rule itself (to tune or silence it), e.g. ['alerts', 'bias']. */
  readonly rulePath: readonly string[];
}

export type AlertChangeKind = 'fired' | 'updated' | 'cleared';

export interface AlertChange {
  readonly change: AlertChangeKind;
  readonly iteration: number;
  readonly alert: Alert;
}

/** Per attribute: may alerts rely on the evaluator's predictions of it? (see src/trainer/evaluator/trust.ts) */
export type TrustMap = Readonly<Record<string, { readonly trusted: boolean; readonly adjustedAccuracy?: number | null; readonly accuracy?: number | null }>>;

/** A condition the engine did not evaluate, and why (e.g. an untrusted attribute). */
export interface SuppressedCondition {
  readonly id: string;
  readonly reason: string;
}
