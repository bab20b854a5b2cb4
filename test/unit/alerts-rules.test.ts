import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertRulesSchema } from '../../src/core/alerts/ruleSchema';
import { DEFAULT_ALERT_RULES, resolveAlertRules } from '../../src/core/alerts/rules';

test('absent rules take the defaults', () => {
  assert.deepEqual(resolveAlertRules(undefined), { rules: DEFAULT_ALERT_RULES, problems: [] });
  assert.equal(DEFAULT_ALERT_RULES.bias.minShareRatio, 0.5);
  assert.equal(DEFAULT_ALERT_RULES.modeCollapse.minModesCovered, 0.75);
});

test('given fields override the defaults; bad ones are reported and defaulted', () => {
  const { rules, problems } = resolveAlertRules({ bias: { fireAfter: 5, severity: 'loud', attributes: ['shape'], colour: 1 }, health: { minDiscriminatorLoss: -1 }, noise: {} });
  assert.equal(rules.bias.fireAfter, 5);
  assert.deepEqual(rules.bias.attributes, ['shape']);
  assert.equal(rules.bias.severity, 'warning');
  assert.equal(rules.health.minDiscriminatorLoss, DEFAULT_ALERT_RULES.health.minDiscriminatorLoss);
  assert.deepEqual(problems, [
    'alerts.bias.severity must be one of info, warning, error; using "warning"',
    'alerts.bias.colour is not a known setting',
    'alerts.health.minDiscriminatorLoss must be a number ≥ 0; using 0.01',
    'alerts.noise is not a known rule',
  ]);
});

test('the schema describes every field with its default', () => {
  const schema = alertRulesSchema() as { properties: Record<string, { properties: Record<string, { default: unknown; description: string }> }> };
  for (const [rule, fields] of Object.entries(DEFAULT_ALERT_RULES)) {
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      const described = schema.properties[rule]?.properties[field];
      assert.ok(described, `${rule}.${field} is described`);
      assert.deepEqual(described.default, value);
      assert.ok(described.description.length > 10);
    }
  }
});
