/**
 * What the evaluator sees of a rule. Threshold rules pass through; a forecast rule becomes a
 * threshold on its derived series, "hours until full", which must fall below `within`; a process
 * rule one on its matching processes: their count (not running is fewer than one), or their CPU
 * or memory summed.
 *
 * @example
 * evaluatedRule(forecast) // { comparator: 'below', warning: 24, critical: null, clear: 36, for: 0, … }
 */
import { processRuleSeries, type AlertRule } from '../../../shared/alert-rules.js';
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
  } else if (rule.kind === 'process') {
    model = rule.condition === 'not-running' ? notRunning(rule) : { ...rule, comparator: 'above' };
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

/** Fewer than one matching process: below 0.5 fires, and one process back clears it. */
function notRunning(rule: Extract<AlertRule, { kind: 'process' }>): EvaluatedRule {
  return {
    comparator: 'below',
    warning: rule.severity === 'warning' ? NOT_RUNNING_LEVEL : null,
    critical: rule.severity === 'critical' ? NOT_RUNNING_LEVEL : null,
    clear: NOT_RUNNING_LEVEL,
    for: rule.for,
    repeat: rule.repeat,
    cooldown: rule.cooldown,
  };
}

/** The count a not-running rule fires below: none of the processes it names. */
export const NOT_RUNNING_LEVEL = 0.5;

/** The one series a rule watches (a process rule's is named after what it counts, see processRuleSeries). */
export function ruleSeries(rule: AlertRule): string {
  return rule.kind === 'process' ? processRuleSeries(rule) : rule.metric;
}

const everyEntity = new WeakMap<AlertRule, boolean>();

/**
 * True when the rule watches every entity of a per-entity metric (`fs.used_pct` means each
 * mount), false when it names one series.
 */
export function watchesEveryEntity(rule: AlertRule): boolean {
  let every = everyEntity.get(rule);
  if (every === undefined) {
    every =
      rule.kind !== 'process' &&
      parseSeriesKey(rule.metric).entity === undefined &&
      metricInfo(rule.metric)?.perEntity === true;
    everyEntity.set(rule, every);
  }
  return every;
}

/** The series of `values` a rule watches. */
export function watchedSeries(rule: AlertRule, keys: Iterable<string>): string[] {
  if (rule.kind === 'process' || !watchesEveryEntity(rule)) return [ruleSeries(rule)];
  const prefix = `${rule.metric}[`;
  const found: string[] = [];
  for (const key of keys) if (key.startsWith(prefix) && isKnownSeries(key)) found.push(key);
  return found;
}
