import { describe, expect, it } from 'vitest';
import { alertRuleSchema, parseRule } from '../../../shared/alert-rules.js';
import { emptyForm, fieldOfIssue, formFromRule, ruleInputFromForm, uniqueRuleId } from './rule-draft.js';

describe('rule form', () => {
  it('round-trips a stored threshold rule into the same rule', () => {
    const rule = parseRule({
      id: 'battery-low',
      name: 'Battery low',
      metric: 'battery.percent',
      comparator: 'below',
      critical: 10,
      for: '30s',
      repeat: '1h',
      cooldown: 0,
      when: { metric: 'battery.charging', equals: 0 },
    });
    const input = ruleInputFromForm(formFromRule(rule), ['battery-low']);
    expect(alertRuleSchema.parse(input)).toEqual(rule);
  });

  it('round-trips a forecast rule, keeping the settings the editor does not show', () => {
    const rule = parseRule({ name: 'Filling', kind: 'forecast', metric: 'fs.used_pct[/]', within: '2d', minFit: 0.5 });
    const form = formFromRule(rule);
    expect(form.entity).toBe('/');
    expect(alertRuleSchema.parse(ruleInputFromForm(form, []))).toEqual(rule);
  });

  it('builds the series key from metric and entity, and ignores an entity the metric cannot have', () => {
    const form = { ...emptyForm(), name: 'Root', metric: 'fs.used_pct', entity: ' / ', critical: 95 };
    const metric = (input: ReturnType<typeof ruleInputFromForm>) => ('metric' in input ? input.metric : null);
    expect(metric(ruleInputFromForm(form, []))).toBe('fs.used_pct[/]');
    expect(metric(ruleInputFromForm({ ...form, metric: 'cpu.total' }, []))).toBe('cpu.total');
  });

  it('round-trips process rules; memory levels are typed in MiB and stored in bytes', () => {
    const down = parseRule({
      name: 'nginx down',
      kind: 'process',
      app: 'nginx.service',
      condition: 'not-running',
      for: '1m',
    });
    expect(alertRuleSchema.parse(ruleInputFromForm(formFromRule(down), []))).toEqual(down);
    const form = {
      ...emptyForm(),
      kind: 'process' as const,
      name: 'Fat backup',
      processMatch: 'command' as const,
      processTarget: ' backup\\.sh ',
      condition: 'memory-above' as const,
      warning: 512,
      critical: 1024,
      for: '5m',
    };
    const input = ruleInputFromForm(form, []);
    expect(input).toEqual({
      id: 'fat-backup',
      name: 'Fat backup',
      repeat: null,
      cooldown: '5m',
      enabled: true,
      kind: 'process',
      app: null,
      command: 'backup\\.sh',
      condition: 'memory-above',
      severity: 'warning',
      warning: 512 * 1024 * 1024,
      critical: 1024 * 1024 * 1024,
      clear: null,
      for: '5m',
    });
    const saved = alertRuleSchema.parse(input);
    expect(formFromRule(saved)).toMatchObject({
      processMatch: 'command',
      processTarget: 'backup\\.sh',
      warning: 512,
      critical: 1024,
    });
    expect(fieldOfIssue('app')).toBe('processTarget');
    expect(fieldOfIssue('condition')).toBe('condition');
  });

  it('gives a new rule an id no other rule has, so saving never replaces one', () => {
    expect(uniqueRuleId('CPU busy!', [])).toBe('cpu-busy');
    expect(uniqueRuleId('CPU busy', ['cpu-busy', 'cpu-busy-2'])).toBe('cpu-busy-3');
    expect(ruleInputFromForm({ ...emptyForm(), name: 'CPU busy', critical: 1 }, ['cpu-busy']).id).toBe('cpu-busy-2');
  });

  it('maps issue paths to fields', () => {
    expect(fieldOfIssue('warning')).toBe('warning');
    expect(fieldOfIssue('when.equals')).toBe('whenEquals');
    expect(fieldOfIssue('when')).toBe('whenMetric');
    expect(fieldOfIssue('id')).toBeNull();
  });
});
