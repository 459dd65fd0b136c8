/**
 * Process alert rules in words, the same in the CLI, the dashboard and notifications.
 *
 * @example
 * processTarget({ app: null, command: 'backup\\.sh' }) // 'command /backup\.sh/'
 * describeProcessRule(rule) // 'nginx.service not running for 1m (critical)'
 */
import type { ProcessRule } from './alert-rules.js';
import { formatDuration } from './time.js';
import { formatUnit } from './units.js';

/** The series a process rule's alerts carry (processRuleSeries), with their label and unit. */
export const PROCESS_SERIES: Readonly<Record<string, { label: string; unit: 'count' | 'percent' | 'bytes' }>> = {
  'process.count': { label: 'Processes running', unit: 'count' },
  'process.cpu_pct': { label: 'Process CPU (% of a core)', unit: 'percent' },
  'process.rss_bytes': { label: 'Process memory', unit: 'bytes' },
};

/** What a process rule names: `nginx.service`, or `command /backup\.sh/`. */
export function processTarget(rule: Pick<ProcessRule, 'app' | 'command'>): string {
  return rule.app ?? `command /${rule.command}/`;
}

/** The unit a process rule's levels are in: percent of one core, or bytes. */
export function processRuleUnit(rule: Pick<ProcessRule, 'condition'>): 'percent' | 'bytes' | 'count' {
  return rule.condition === 'cpu-above' ? 'percent' : rule.condition === 'memory-above' ? 'bytes' : 'count';
}

/** "nginx.service not running for 1m (critical)", "firefox resident above 2.0 GiB / 3.0 GiB for 5m". */
export function describeProcessRule(rule: ProcessRule): string {
  const held = rule.for > 0 ? ` for ${formatDuration(rule.for)}` : '';
  const target = processTarget(rule);
  if (rule.condition === 'not-running') return `${target} not running${held} (${rule.severity})`;
  const unit = processRuleUnit(rule);
  const level = (v: number | null) => (v === null ? '–' : formatUnit(unit, v));
  const what = rule.condition === 'cpu-above' ? 'CPU' : 'resident';
  return `${target} ${what} above ${level(rule.warning)} / ${level(rule.critical)}${held}`;
}
