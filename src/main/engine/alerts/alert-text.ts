/**
 * The one line a person reads in a notification: the rule, the value, the threshold, how long the
 * condition has held, and the process most likely behind it.
 *
 * @example
 * alertText(rule, event, processes)
 * // 'CPU busy is critical: cpu.total at 96.2 % (above 90.0 %) for 2m10s. Top process: node (pid 4242) 187 % CPU'
 */
import type { AlertRule, ProcessRule } from '../../../shared/alert-rules.js';
import type { AlertEventKind, TopProcesses } from '../../../shared/alerts.js';
import { formatDuration } from '../../../shared/time.js';
import { processTarget } from '../../../shared/process-rule-text.js';
import { countOf, formatUnit, formatValue } from '../../../shared/units.js';
import type { Transition } from './instance-state.js';

const HEADLINE: Record<AlertEventKind, string> = {
  pending: 'is pending',
  firing: 'is {severity}',
  escalated: 'escalated to {severity}',
  deescalated: 'eased to {severity}',
  repeat: 'is still {severity}',
  reminder: 'is {severity}',
  resolved: 'recovered',
  cancelled: 'was withdrawn',
};

export function alertText(rule: AlertRule, series: string, event: Transition, processes: TopProcesses | null): string {
  const headline = `${rule.name} ${HEADLINE[event.kind].replace('{severity}', event.severity ?? 'firing')}`;
  const held = event.heldMs > 0 ? ` for ${formatDuration(event.heldMs)}` : '';
  let detail: string;
  if (event.value === null) {
    detail = `${series} is no longer reported${held}`;
  } else if (rule.kind === 'process') {
    detail = processDetail(rule, event, held);
  } else if (rule.kind === 'forecast') {
    const eta = Number.isFinite(event.value)
      ? `in about ${formatDuration(event.value * 3_600_000)}`
      : 'not at all at the current trend';
    detail = `${series} reaches 100 % ${eta} (warning horizon ${formatDuration(rule.within)})`;
  } else {
    const relation = event.kind === 'resolved' ? 'back past' : rule.comparator;
    const threshold = event.threshold === null ? '' : ` (${relation} ${formatValue(series, event.threshold)})`;
    detail = `${series} at ${formatValue(series, event.value)}${threshold}${held}`;
  }
  return `${headline}: ${detail}${event.kind === 'resolved' ? '' : culprit(rule, processes)}`;
}

function processDetail(rule: ProcessRule, event: Transition, held: string): string {
  const target = processTarget(rule);
  const value = event.value!;
  if (rule.condition === 'not-running') {
    return event.kind === 'resolved'
      ? `${countOf(value, 'process', 'processes')} matching ${target} running again`
      : `nothing matching ${target} is running${held}`;
  }
  const unit = rule.condition === 'cpu-above' ? 'percent' : 'bytes';
  const what = rule.condition === 'cpu-above' ? 'CPU' : 'resident';
  const relation = event.kind === 'resolved' ? 'back past' : 'above';
  const threshold = event.threshold === null ? '' : ` (${relation} ${formatUnit(unit, event.threshold)})`;
  return `${target} at ${formatUnit(unit, value)} ${what}${threshold}${held}`;
}

/** Memory rules name the biggest process; every other rule the busiest one (process rules name their own). */
function culprit(rule: AlertRule, processes: TopProcesses | null): string {
  if (!processes || rule.kind === 'process') return '';
  const byMemory = /^(mem|swap)\./.test(rule.metric);
  const top = byMemory ? processes.byMemory[0] : processes.byCpu[0];
  if (!top) return '';
  const usage = byMemory ? `${formatUnit('bytes', top.rssBytes)} resident` : `${Math.round(top.cpuPercent)} % CPU`;
  return `. Top process: ${top.name} (pid ${top.pid}) ${usage}`;
}
