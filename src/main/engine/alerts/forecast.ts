/**
 * Readings for forecast rules: for each watched mount, the hours until the 1-minute trend of
 * `fs.used_pct` reaches 100 % (Infinity when the trend is not steady).
 *
 * @example
 * const query = forecastQuery(rule, ['fs.used_pct[/]'], now);
 * forecastReadings(rule, engine.history(query), now) // Map { 'fs.used_pct[/]' => 17.5 }
 */
import type { ForecastRule } from '../../../shared/alert-rules.js';
import type { HistoryResult } from '../../../shared/queries.js';
import { fitLine, hoursUntilFull } from './trend.js';

const MINUTE = 60_000;

/** One point per minute over the lookback: the store answers from its 1-minute tier. */
export function forecastQuery(rule: ForecastRule, series: readonly string[], now: number) {
  return {
    series: [...series],
    from: now - rule.lookback,
    to: now,
    maxPoints: Math.max(2, Math.ceil(rule.lookback / MINUTE)),
  };
}

export function forecastReadings(rule: ForecastRule, history: HistoryResult, now: number): Map<string, number> {
  const readings = new Map<string, number>();
  for (const [series, points] of Object.entries(history.series)) {
    const fit = fitLine(points.t, points.avg);
    readings.set(series, hoursUntilFull(fit, now, rule));
  }
  return readings;
}
