import { describe, expect, it } from 'vitest';
import { parseRule } from '../../../shared/alert-rules.js';
import { conditionText, describeSeries, formatAlertValue, formatSpan, formatThreshold } from './rule-format.js';

describe('formatSpan', () => {
  it('keeps the two largest units', () => {
    expect(formatSpan(120_000)).toBe('2 min');
    expect(formatSpan(5_400_000)).toBe('1 h 30 min');
    expect(formatSpan(90_061_000)).toBe('1 d 1 h');
    expect(formatSpan(3_630_000)).toBe('1 h');
    expect(formatSpan(45_000)).toBe('45 s');
    expect(formatSpan(0)).toBe('0 s');
    expect(formatSpan(839)).toBe('< 1 s');
  });
});

describe('conditionText', () => {
  it('says both levels, their severities and the hold time', () => {
    const rule = parseRule({
      name: 'CPU',
      metric: 'cpu.total',
      comparator: 'above',
      warning: 80,
      critical: 90,
      for: '2m',
    });
    expect(conditionText(rule)).toBe('above 80 % (warning) / 90 % (critical) for 2 min');
  });

  it('leaves out a missing level and a zero hold time, and names the guard', () => {
    const rule = parseRule({
      name: 'Battery',
      metric: 'battery.percent',
      comparator: 'below',
      critical: 10,
      when: { metric: 'battery.charging', equals: 0 },
    });
    expect(conditionText(rule)).toBe('below 10 % (critical), only while Battery charging = 0');
  });

  it('describes a forecast rule', () => {
    const rule = parseRule({ name: 'Filling', kind: 'forecast', metric: 'fs.used_pct', within: '24h' });
    expect(conditionText(rule)).toBe('reaches 100 % within 1 d (warning)');
  });
});

describe('describeSeries', () => {
  it('names the entity, or each one of a per-entity metric without one', () => {
    expect(describeSeries('fs.used_pct[/home]')).toEqual({
      label: 'Filesystem used',
      metric: 'fs.used_pct',
      entity: '/home',
    });
    expect(describeSeries('fs.used_pct').entity).toBe('each mount');
    expect(describeSeries('net.rx').entity).toBe('each interface');
    expect(describeSeries('cpu.total').entity).toBeNull();
  });
});

describe('values', () => {
  it('formats thresholds without padding and forecast values as time to full', () => {
    expect(formatThreshold('percent', 92.5)).toBe('92.5 %');
    expect(formatThreshold('bytes', 1024 ** 3)).toBe('1.0 GiB');
    expect(formatAlertValue('forecast', 'fs.used_pct[/]', 12)).toBe('full in 12 h');
    expect(formatAlertValue('threshold', 'cpu.total', 97.25)).toBe('97.3 %');
  });
});
