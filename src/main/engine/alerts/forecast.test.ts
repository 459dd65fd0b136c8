import { describe, expect, it } from 'vitest';
import { parseRule, type ForecastRule } from '../../../shared/alert-rules.js';
import type { HistoryResult } from '../../../shared/queries.js';
import { evaluate } from './evaluator.js';
import { INITIAL_STATE, type InstanceState } from './instance-state.js';
import { forecastQuery, forecastReadings } from './forecast.js';
import { evaluatedRule } from './rule-model.js';
import { fitLine, hoursUntilFull } from './trend.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 23, 12);

const rule = parseRule({
  name: 'Disk filling up',
  kind: 'forecast',
  metric: 'fs.used_pct',
  within: '24h',
}) as ForecastRule;

/** A deterministic pseudo-random source, so the noisy cases are the same on every run. */
function noise(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31 - 0.5;
  };
}

function history(series: Record<string, (minutesAgo: number) => number | null>, minutes = 360): HistoryResult {
  const out: Record<string, { t: number[]; avg: (number | null)[] }> = {};
  for (const [key, valueAt] of Object.entries(series)) {
    const t: number[] = [];
    const avg: (number | null)[] = [];
    for (let m = minutes; m >= 0; m--) {
      t.push(NOW - m * MINUTE);
      avg.push(valueAt(m));
    }
    out[key] = { t, avg };
  }
  return { from: NOW - minutes * MINUTE, to: NOW, tier: '1m', bucketMs: MINUTE, aggregated: true, series: out };
}

describe('disk forecast', () => {
  it('fits a straight line exactly', () => {
    const fit = fitLine([0, 1000, 2000, 3000], [10, 12, 14, 16])!;
    expect(fit.slope).toBeCloseTo(0.002, 9);
    expect(fit.r2).toBeCloseTo(1, 9);
    expect(hoursUntilFull(fit, 3000, { minPoints: 3, minFit: 0.8 })).toBeCloseTo(84 / 0.002 / HOUR, 6);
  });

  it('asks the store for one point per minute over the lookback', () => {
    expect(forecastQuery(rule, ['fs.used_pct[/]'], NOW)).toEqual({
      series: ['fs.used_pct[/]'],
      from: NOW - 6 * HOUR,
      to: NOW,
      maxPoints: 360,
    });
  });

  it('a steadily filling disk (3 %/h, now 68 %) is full in about 10.7 h: fires within 24 h', () => {
    const jitter = noise(1);
    const readings = forecastReadings(
      rule,
      history({ 'fs.used_pct[/]': (m) => 68 - (3 * m) / 60 + jitter() * 0.1 }),
      NOW,
    );
    const hours = readings.get('fs.used_pct[/]')!;
    expect(hours).toBeGreaterThan(10);
    expect(hours).toBeLessThan(11.5);
    const step = evaluate(evaluatedRule(rule), INITIAL_STATE, { value: hours, gapBefore: false }, NOW, {
      suppressed: null,
      staleAfterMs: 1e9,
    });
    expect(step.events.map((e) => `${e.kind}(${e.severity}) ${e.notified}`)).toEqual(['firing(warning) true']);
  });

  it('a slowly filling disk (full in ~44 h) does not fire within 24 h', () => {
    const hours = forecastReadings(rule, history({ 'fs.used_pct[/]': (m) => 56 - m / 60 }), NOW).get('fs.used_pct[/]')!;
    expect(hours).toBeCloseTo(44, 0);
    const step = evaluate(evaluatedRule(rule), INITIAL_STATE, { value: hours, gapBefore: false }, NOW, {
      suppressed: null,
      staleAfterMs: 1e9,
    });
    expect(step.events).toEqual([]);
  });

  it('a noisy flat disk never fires: no steady trend', () => {
    const jitter = noise(7);
    const hours = forecastReadings(rule, history({ 'fs.used_pct[/]': () => 60 + jitter() * 4 }), NOW).get(
      'fs.used_pct[/]',
    )!;
    expect(hours).toBe(Number.POSITIVE_INFINITY);
  });

  it('a rise hidden in large noise (poor fit) does not count', () => {
    const jitter = noise(3);
    const hours = forecastReadings(rule, history({ 'fs.used_pct[/]': (m) => 80 - m / 120 + jitter() * 30 }), NOW).get(
      'fs.used_pct[/]',
    )!;
    expect(hours).toBe(Number.POSITIVE_INFINITY);
  });

  it('too few points (a fresh install) do not count', () => {
    const hours = forecastReadings(rule, history({ 'fs.used_pct[/]': (m) => 90 - m }, 10), NOW).get('fs.used_pct[/]')!;
    expect(hours).toBe(Number.POSITIVE_INFINITY);
  });

  it('a shrinking disk and gaps in the data: Infinity, and nulls are skipped', () => {
    const readings = forecastReadings(
      rule,
      history({
        'fs.used_pct[/a]': (m) => 50 + m / 60,
        'fs.used_pct[/b]': (m) => (m % 3 === 0 ? null : 68 - (3 * m) / 60),
      }),
      NOW,
    );
    expect(readings.get('fs.used_pct[/a]')).toBe(Number.POSITIVE_INFINITY);
    expect(readings.get('fs.used_pct[/b]')).toBeCloseTo(32 / 3, 1);
  });

  it('a firing forecast clears once the trend flattens (hysteresis at 1.5 × the horizon)', () => {
    const model = evaluatedRule(rule);
    const ctx = { suppressed: null, staleAfterMs: 1e9 };
    let state: InstanceState = evaluate(model, INITIAL_STATE, { value: 10, gapBefore: false }, NOW, ctx).state;
    expect(state.phase).toBe('firing');
    state = evaluate(model, state, { value: 30, gapBefore: false }, NOW + 5 * MINUTE, ctx).state;
    expect(state.phase).toBe('firing');
    const flat = evaluate(model, state, { value: Number.POSITIVE_INFINITY, gapBefore: false }, NOW + 10 * MINUTE, ctx);
    expect(flat.events.map((e) => e.kind)).toEqual(['resolved']);
  });
});
