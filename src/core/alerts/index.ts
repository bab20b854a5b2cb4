/** Alert rules, the alert engine and the run's alert log (docs/alerts.md). */
export { AlertEngine, ALERT_ENGINE_STATE_VERSION, type AlertEngineState, type AlertUpdate } from './alertEngine';
export { AlertLog, ALERT_LOG_FILE, parseAlertLog, readAlertLog, type AlertLogContents, type AlertLogRecord } from './alertLog';
export { alertRulesSchema } from './ruleSchema';
export { ALERT_RULE_KEYS, DEFAULT_ALERT_RULES, resolveAlertRules, type AlertRules, type AlertRulesInput } from './rules';
export type { Alert, AlertChange, AlertChangeKind, AlertKind, AlertRuleKey, AlertSeverity, Evidence, SuppressedCondition, TrustMap } from './types';
