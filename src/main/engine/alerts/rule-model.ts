/**
 * What the evaluator sees of a rule. Threshold rules pass through; a forecast rule becomes a
 * threshold on its derived series, "hours until full", which must fall below `within`.
 *
 * @example
 * evaluatedRule(forecast) // { comparator: 'below', warning: 24, critical: null, clear: 36, for: 0, … }
 */
import type { AlertRule } from '../../../shared/alert-rules.js';
import { isKnownSeries, metricInfo, parseSeriesKey } from '../../../shared/metrics.js';
import type { EvaluatedRule } from './thresholds.js';

const HOUR = 3_600_000;
/** A forecast clears once "full" has moved half as far again past the horizon. */
const FORECAST_CLEAR_FACTOR = 1.5;

const cache = new WeakMap<AlertRule, EvaluatedRule>();

export function evaluatedRule(rule: AlertRule): EvaluatedRule {
  let model = cache.get(rule);
  if (model) return model;
  if (rule.kind === 'threshold') {
    model = rule;
  } else {
    const hours = rule.within / HOUR;
    model = {
      comparator: 'below',
      warning: rule.severity === 'warning' ? hours : null,
      critical: rule.severity === 'critical' ? hours : null,
      clear: hours * FORECAST_CLEAR_FACTOR,
      for: 0,
      repeat: rule.repeat,
      cooldown: rule.cooldown,
    };
  }
  cache.set(rule, model);
  return model;
}

const everyEntity = new WeakMap<AlertRule, boolean>();

/**
 * True when the rule watches every entity of a per-entity metric (`fs.used_pct` means each
 * mount), false when it names one series.
 */
export function watchesEveryEntity(rule: AlertRule): boolean {
  let every = everyEntity.get(rule);
  if (every === undefined) {
    every = parseSeriesKey(rule.metric).entity === undefined && metricInfo(rule.metric)?.perEntity === true;
    everyEntity.set(rule, every);
  }
  return every;
}

/** The series of `values` a rule watches. */
export function watchedSeries(rule: AlertRule, keys: Iterable<string>): string[] {
  if (!watchesEveryEntity(rule)) return [rule.metric];
  const prefix = `${rule.metric}[`;
  const found: string[] = [];
  for (const key of keys) if (key.startsWith(prefix) && isKnownSeries(key)) found.push(key);
  return found;
}
