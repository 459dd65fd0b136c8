/**
 * What a process rule reads from one pass over the process table: how many processes it matches,
 * or how much CPU (percent of one core, summed) or resident memory (bytes, summed) they use. A
 * rule names an app as Dashlight groups them, or an executable's name (any case), or gives a
 * regular expression for the command line.
 *
 * @example
 * processRuleValue({ condition: 'not-running', app: 'nginx', command: null }, snapshot) // 4 (processes)
 */
import type { ProcessRule } from '../../../shared/alert-rules.js';
import type { ProcessReading, ProcessSnapshot } from '../collect/processes/process-snapshot.js';

type Matcher = (p: ProcessReading) => boolean;

const matchers = new WeakMap<ProcessRule, Matcher>();

function matcherOf(rule: ProcessRule): Matcher {
  let match = matchers.get(rule);
  if (!match) {
    if (rule.command !== null) {
      const pattern = new RegExp(rule.command);
      match = (p) => pattern.test(p.command);
    } else {
      const name = (rule.app ?? '').toLowerCase();
      match = (p) => p.app.name.toLowerCase() === name || p.exe.toLowerCase() === name;
    }
    matchers.set(rule, match);
  }
  return match;
}

/** The rule's reading, or undefined when this pass cannot tell (CPU on a pass that only primes). */
export function processRuleValue(
  rule: ProcessRule,
  snapshot: Pick<ProcessSnapshot, 'elapsedMs' | 'processes'>,
): number | undefined {
  const match = matcherOf(rule);
  let count = 0;
  let cpuCs = 0;
  let rss = 0;
  for (const p of snapshot.processes) {
    if (!match(p)) continue;
    count += 1;
    cpuCs += p.cpuCs;
    rss += p.rssBytes;
  }
  if (rule.condition === 'not-running') return count;
  if (rule.condition === 'memory-above') return rss;
  const elapsed = snapshot.elapsedMs;
  // Hundredths of a CPU-second over elapsed ms: ×1000 / elapsed is percent of one core.
  return elapsed === null || elapsed <= 0 ? undefined : (cpuCs * 1000) / elapsed;
}
