import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelsOf, type EvaluatedRule } from './thresholds.js';
import { runSteps, type Step } from './test-support/rule-tests.js';

const STEP = 5_000;

const ruleArb: fc.Arbitrary<EvaluatedRule> = fc.record({
  comparator: fc.constant('above' as const),
  warning: fc.constantFrom(null, 70, 80),
  critical: fc.constantFrom(90, 95),
  clear: fc.constant(null),
  for: fc.integer({ min: 0, max: 12 }).map((n) => n * STEP),
  repeat: fc.option(
    fc.integer({ min: 2, max: 30 }).map((n) => n * STEP),
    { nil: null },
  ),
  cooldown: fc.integer({ min: 0, max: 60 }).map((n) => n * STEP),
});

const readingArb = fc.record({
  value: fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 50, max: 100 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  gapBefore: fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const seriesArb = fc
  .array(readingArb, { minLength: 1, maxLength: 200 })
  .map((readings) => readings.map((reading, i): Step => ({ at: i * STEP, reading })));

/** Quiet windows as [start, end) step indexes. */
const quietArb = fc.array(fc.tuple(fc.nat(200), fc.nat(40)), { maxLength: 3 });

describe('evaluator properties', () => {
  it('every firing is preceded by the condition holding, unbroken by gaps, for `for`', () => {
    fc.assert(
      fc.property(ruleArb, seriesArb, (rule, steps) => {
        const levels = levelsOf(rule);
        const { events } = runSteps(rule, steps, { staleAfterMs: 1e12 });
        for (const event of events.filter((e) => e.kind === 'firing' || e.kind === 'escalated')) {
          const since = event.kind === 'firing' ? event.since! : event.at - rule.for;
          expect(event.at - event.since!).toBeGreaterThanOrEqual(rule.for);
          const window = steps.filter((s) => s.at >= since && s.at <= event.at);
          // The window starts with a breaching reading, and no gap falls inside it.
          expect(window[0]!.at).toBe(since);
          for (const { at, reading } of window) {
            if (at > since) expect(reading.gapBefore).toBe(false);
            if (reading.value === undefined) continue;
            const level = levels.levelOf(reading.value);
            expect(level).not.toBeNull();
            if (event.kind === 'escalated') expect(level).toBe('critical');
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('notifications never come faster than the cooldown and repeat interval allow', () => {
    fc.assert(
      fc.property(ruleArb, seriesArb, quietArb, (rule, steps, quiet) => {
        const suppressedAt = (at: number) =>
          quiet.some(([start, length]) => at >= start * STEP && at < (start + length) * STEP)
            ? ('quiet-hours' as const)
            : null;
        const { events } = runSteps(rule, steps, { suppressedAt, staleAfterMs: 1e12 });
        const notified = events.filter((e) => e.notified);
        // Nothing is told while quiet.
        for (const e of notified) expect(suppressedAt(e.at)).toBeNull();
        // New episodes (firing, or a held-back firing told later) are at least a cooldown apart.
        const starts = notified.filter((e) => e.kind === 'firing' || e.kind === 'reminder');
        for (let i = 1; i < starts.length; i++) {
          if (starts[i]!.kind === 'reminder' && starts[i - 1]!.since === starts[i]!.since) continue;
          expect(starts[i]!.at - starts[i - 1]!.at).toBeGreaterThanOrEqual(rule.cooldown);
        }
        // A repeat comes at least one repeat interval after the notification before it.
        let last = Number.NEGATIVE_INFINITY;
        for (const e of notified) {
          if (e.kind === 'repeat') expect(e.at - last).toBeGreaterThanOrEqual(rule.repeat!);
          if (e.kind !== 'resolved') last = e.at;
        }
        // Overall bound: per repeat interval (or cooldown when there is none) at most one
        // episode start, one repeat, one escalation and one recovery.
        const span = steps.at(-1)!.at + STEP;
        const period = Math.max(STEP, Math.min(rule.cooldown || STEP, rule.repeat ?? Number.POSITIVE_INFINITY));
        expect(notified.length).toBeLessThanOrEqual(4 * (Math.floor(span / period) + 1));
      }),
      { numRuns: 400 },
    );
  });
});
