/**
 * `promtool test rules` for Dashlight: an input series in a compact notation, evaluated by the
 * pure evaluator at a fixed step, gives the phases and events to compare against.
 *
 * Notation, one token per step: a number is a reading; `NxK` repeats N for K steps; `_` is a
 * step where the series was not measured; `|` puts a gap (sleep, pause) before the next reading.
 *
 * @example
 * const run = runSeries(rule, '50 95x6 50', { stepMs: 10_000 });
 * run.events // [{ at: 20_000, kind: 'pending', … }, { at: 50_000, kind: 'firing', … }, …]
 */
import type { AlertEventKind, AlertPhase, Suppression } from '../../../../shared/alerts.js';
import type { Severity } from '../../../../shared/alert-rules.js';
import { evaluate } from '../evaluator.js';
import {
  INITIAL_STATE,
  type EvalContext,
  type InstanceState,
  type Reading,
  type Transition,
} from '../instance-state.js';
import type { EvaluatedRule } from '../thresholds.js';

export interface Step {
  readonly at: number;
  readonly reading: Reading;
}

export function expandSeries(notation: string, stepMs: number, start = 0): Step[] {
  const steps: Step[] = [];
  let gap = false;
  for (const token of notation.trim().split(/\s+/)) {
    if (token === '|') {
      gap = true;
      continue;
    }
    const [raw, times] = token.split('x');
    const count = times === undefined ? 1 : Number(times);
    for (let i = 0; i < count; i++) {
      const value = raw === '_' ? undefined : Number(raw);
      steps.push({ at: start + steps.length * stepMs, reading: { value, gapBefore: gap } });
      gap = false;
    }
  }
  return steps;
}

export interface RunOptions {
  readonly stepMs?: number;
  readonly state?: InstanceState;
  /** Suppression in force at a given time (quiet hours, snooze). */
  readonly suppressedAt?: (at: number) => EvalContext['suppressed'];
  readonly staleAfterMs?: number;
}

export interface RunResult {
  readonly events: readonly Transition[];
  readonly phases: readonly { at: number; phase: AlertPhase; severity: Severity | null }[];
  readonly state: InstanceState;
  /** Compact form for table tests: `t=50s firing(critical) notified`. */
  readonly log: readonly string[];
}

export const RULE: EvaluatedRule = {
  comparator: 'above',
  warning: 80,
  critical: 90,
  clear: null,
  for: 30_000,
  repeat: null,
  cooldown: 300_000,
};

export function runSteps(rule: EvaluatedRule, steps: readonly Step[], options: RunOptions = {}): RunResult {
  let state = options.state ?? INITIAL_STATE;
  const events: Transition[] = [];
  const phases: RunResult['phases'][number][] = [];
  for (const { at, reading } of steps) {
    const ctx: EvalContext = {
      suppressed: options.suppressedAt?.(at) ?? null,
      staleAfterMs: options.staleAfterMs ?? 60_000,
    };
    const step = evaluate(rule, state, reading, at, ctx);
    state = step.state;
    events.push(...step.events);
    phases.push({ at, phase: state.phase, severity: state.severity });
  }
  return { events, phases, state, log: events.map(describe) };
}

export function runSeries(rule: EvaluatedRule, notation: string, options: RunOptions = {}): RunResult {
  return runSteps(rule, expandSeries(notation, options.stepMs ?? 10_000), options);
}

export function describe(event: Transition): string {
  const severity = event.severity ? `(${event.severity})` : '';
  const outcome = event.notified ? ' notified' : event.suppressed ? ` suppressed:${event.suppressed}` : '';
  return `t=${event.at / 1000}s ${event.kind}${severity}${outcome}`;
}

export type { AlertEventKind, Suppression };
