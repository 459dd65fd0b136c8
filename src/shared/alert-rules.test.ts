import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_INPUTS, parseRule, slugify } from './alert-rules.js';
import { parseSettings, SettingsError } from './settings.js';

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a SettingsError');
}

describe('alert rules', () => {
  it('first run: the default rules, critical at 90 % CPU, 95 % memory and 90 % disk', () => {
    const { rules } = parseSettings({}).alerts;
    const summary = rules.map((r) =>
      r.kind === 'threshold'
        ? `${r.id} ${r.metric} ${r.comparator} ${r.warning}/${r.critical} for ${r.for}`
        : r.kind === 'forecast'
          ? `${r.id} forecast ${r.within}`
          : `${r.id} process`,
    );
    expect(summary).toEqual([
      'cpu-high cpu.total above 80/90 for 120000',
      'memory-high mem.percent above 85/95 for 120000',
      'disk-high fs.used_pct above 80/90 for 300000',
      'battery-low battery.percent below null/10 for 0',
      'disk-filling forecast 86400000',
    ]);
    expect(rules.find((r) => r.id === 'battery-low')).toMatchObject({
      when: { metric: 'battery.charging', equals: 0 },
    });
    expect(rules.every((r) => r.enabled && r.repeat === null)).toBe(true);
    expect(DEFAULT_RULE_INPUTS).toHaveLength(rules.length);
  });

  it('an id comes from the name when absent', () => {
    expect(
      parseRule({ name: 'Disk almost full!', metric: 'fs.used_pct[/]', comparator: 'above', critical: 95 }).id,
    ).toBe('disk-almost-full');
    expect(slugify('!!!')).toBe('rule');
  });

  it('durations accept text', () => {
    const rule = parseRule({
      name: 'x',
      metric: 'cpu.total',
      comparator: 'above',
      warning: 50,
      for: '5s',
      repeat: '1h',
      cooldown: '0s',
    });
    expect(rule).toMatchObject({ for: 5000, repeat: 3_600_000, cooldown: 0 });
  });

  it('errors name the field path', () => {
    expect(issuesOf(() => parseRule({ name: 'x', metric: 'cpu.total', comparator: 'above' }))).toEqual([
      'critical: set a warning or a critical threshold (or both)',
    ]);
    expect(
      issuesOf(() => parseRule({ name: 'x', metric: 'cpu.total', comparator: 'sideways', critical: 1 }))[0],
    ).toMatch(/^comparator: /);
    expect(
      issuesOf(() => parseRule({ name: 'x', metric: 'cpu.total', comparator: 'above', warning: 95, critical: 90 })),
    ).toEqual(['warning: must be at most the critical threshold (90)']);
    expect(
      issuesOf(() => parseRule({ name: 'x', metric: 'cpu.total', comparator: 'above', warning: 80, clear: 85 })),
    ).toEqual(['clear: must be on the safe side of the trigger threshold (≤ 80)']);
    expect(issuesOf(() => parseRule({ name: 'x', metric: 'cpu.totl', comparator: 'above', critical: 1 }))).toEqual([
      'metric: unknown metric: see the metric list in the README',
    ]);
    expect(
      issuesOf(() =>
        parseRule({ name: 'x', metric: 'cpu.total', comparator: 'above', critical: 1, for: '2 weeks' }),
      )[0],
    ).toBe('for: must be a duration such as 2s, between 0ms and 1d (got "2 weeks")');
    expect(issuesOf(() => parseRule({ name: 'x', kind: 'forecast', metric: 'mem.percent' }))).toEqual([
      'metric: a forecast rule watches fs.used_pct (every mount) or fs.used_pct[<mount>]',
    ]);
    expect(issuesOf(() => parseRule({ name: 'x', kind: 'nope', metric: 'cpu.total' }))[0]).toMatch(/^kind: /);
  });

  it('in the settings, paths start at alerts.rules and ids must be unique', () => {
    const rule = { id: 'a', name: 'a', metric: 'cpu.total', comparator: 'above', critical: 90 };
    expect(issuesOf(() => parseSettings({ alerts: { rules: [rule, { ...rule, critical: 'high' }] } }))[0]).toMatch(
      /^alerts\.rules\.1\.critical: /,
    );
    expect(issuesOf(() => parseSettings({ alerts: { rules: [rule, rule] } }))).toEqual([
      'alerts.rules.1.id: duplicate rule id "a"',
    ]);
  });

  it('quiet hours and webhook settings are validated', () => {
    expect(issuesOf(() => parseSettings({ alerts: { quietHours: { start: '25:00', end: '07:00' } } }))).toEqual([
      'alerts.quietHours.start: must be a 24-hour time like 22:00 or 07:30',
    ]);
    expect(issuesOf(() => parseSettings({ alerts: { webhook: { url: 'ftp://x' } } }))).toEqual([
      'alerts.webhook.url: must be an http:// or https:// URL',
    ]);
    expect(parseSettings({ alerts: { webhook: { url: 'http://127.0.0.1:9/hook' } } }).alerts.webhook).toEqual({
      url: 'http://127.0.0.1:9/hook',
      token: null,
      timeout: 5000,
      attempts: 4,
      enabled: true,
    });
  });
});
