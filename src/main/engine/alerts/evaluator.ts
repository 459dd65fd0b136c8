/**
 * The alert state machine, a pure function: (rule, state, reading, now, context) → (state, events).
 * ok → pending → firing(warning|critical) → resolved → ok. It is tested like `promtool test rules`:
 * a series of readings in, the states and events out.
 *
 * - A breach shorter than `for` never fires; a gap (sleep, pause, restart) restarts the count.
 * - Hysteresis: a firing alert ends only below the clear level, so flapping around the
 *   threshold keeps one alert instead of many.
 * - Quiet hours and snoozes record everything but notify nothing; a firing held back is told
 *   once they end (a `reminder`), if it is still firing.
 * - Cooldown: a new firing soon after a notified one is recorded, and told only once the
 *   cooldown has passed.
 *
 * @example
 * let state = INITIAL_STATE;
 * for (const reading of readings) {
 *   const step = evaluate(rule, state, reading, reading.ts, { suppressed: null, staleAfterMs: 180_000 });
 *   state = step.state;
 *   for (const event of step.events) if (event.notified) send(event);
 * }
 */
import type { Severity } from '../../../shared/alert-rules.js';
import type { Suppression } from '../../../shared/alerts.js';
import {
  transition,
  type EvalContext,
  type InstanceState,
  type Reading,
  type Step,
  type Transition,
} from './instance-state.js';
import { levelsOf, type EvaluatedRule, type Levels } from './thresholds.js';

const NO_EVENTS: readonly Transition[] = [];

/** Rules are immutable objects, so their levels are worked out once (this runs every tick). */
const levelCache = new WeakMap<EvaluatedRule, Levels>();

function cachedLevels(rule: EvaluatedRule): Levels {
  let levels = levelCache.get(rule);
  if (!levels) levelCache.set(rule, (levels = levelsOf(rule)));
  return levels;
}

export function evaluate(
  rule: EvaluatedRule,
  state: InstanceState,
  reading: Reading,
  now: number,
  ctx: EvalContext,
): Step {
  const levels = cachedLevels(rule);
  let s = state;
  if (reading.gapBefore && s.phase !== 'ok') s = afterGap(s);
  if (reading.value === undefined || Number.isNaN(reading.value)) return unmeasured(rule, s, now, ctx, levels);
  const value = reading.value;
  const level = reading.active === false ? null : levels.levelOf(value);
  if (s.phase === 'firing') return whileFiring(rule, s, value, level, reading.active === false, now, ctx, levels);
  if (level === null) {
    // The common case, every tick for every healthy rule: no allocation.
    if (s.phase === 'ok') return s === state ? { state, events: NO_EVENTS } : { state: s, events: NO_EVENTS };
    return {
      state: { ...s, phase: 'ok', severity: null, since: null, criticalSince: null, lastSeen: now, value },
      events: NO_EVENTS,
    };
  }
  const since = s.phase === 'pending' && s.since !== null ? s.since : now;
  const criticalSince = level === 'critical' ? (s.phase === 'pending' ? (s.criticalSince ?? now) : now) : null;
  const fires: Severity | null =
    criticalSince !== null && now - criticalSince >= rule.for
      ? 'critical'
      : now - since >= rule.for
        ? rule.warning !== null
          ? 'warning'
          : null
        : null;
  const base: InstanceState = { ...s, since, criticalSince, lastSeen: now, value };
  if (fires === null) {
    const pending: InstanceState = { ...base, phase: 'pending', severity: level };
    if (s.phase === 'pending') return { state: pending, events: NO_EVENTS };
    return {
      state: pending,
      events: [transition('pending', level, value, levels.threshold(level), now, since, false, null)],
    };
  }
  return fire(
    rule,
    { ...base, acknowledged: false, episodeNotified: false, instanceId: null, notifiedAt: null },
    fires,
    value,
    now,
    ctx,
    levels,
  );
}

function fire(
  rule: EvaluatedRule,
  s: InstanceState,
  severity: Severity,
  value: number,
  now: number,
  ctx: EvalContext,
  levels: Levels,
): Step {
  const suppressed = ctx.suppressed ?? (inCooldown(rule, s, now) ? 'cooldown' : null);
  const notified = suppressed === null;
  const next: InstanceState = {
    ...s,
    phase: 'firing',
    severity,
    firedAt: now,
    notifiedAt: notified ? now : null,
    firingNotifiedAt: notified ? now : s.firingNotifiedAt,
    episodeNotified: notified,
    owed: !notified,
  };
  return {
    state: next,
    events: [transition('firing', severity, value, levels.threshold(severity), now, s.since, notified, suppressed)],
  };
}

function whileFiring(
  rule: EvaluatedRule,
  s: InstanceState,
  value: number,
  level: Severity | null,
  inactive: boolean,
  now: number,
  ctx: EvalContext,
  levels: Levels,
): Step {
  if (inactive || levels.cleared(value)) return resolve(s, value, levels.clearLevel, now, ctx);
  const criticalSince = level === 'critical' ? (s.criticalSince ?? now) : null;
  let next: InstanceState = { ...s, criticalSince, lastSeen: now, value };
  const events: Transition[] = [];
  if (s.severity === 'warning' && criticalSince !== null && now - criticalSince >= rule.for) {
    let suppressed: Suppression | null = ctx.suppressed;
    // While the firing itself is still held back, the reminder will tell the new severity.
    if (suppressed === null && !s.episodeNotified) suppressed = 'cooldown';
    if (suppressed === null && s.escalationNotifiedAt !== null && now - s.escalationNotifiedAt < rule.cooldown) {
      suppressed = 'cooldown';
    }
    const notified = suppressed === null;
    next = {
      ...next,
      severity: 'critical',
      owed: next.owed || ctx.suppressed !== null,
      ...(notified ? { notifiedAt: now, escalationNotifiedAt: now } : {}),
    };
    events.push(
      transition('escalated', 'critical', value, levels.threshold('critical'), now, s.since, notified, suppressed),
    );
  } else if (s.severity === 'critical' && levels.belowCritical(value)) {
    next = { ...next, severity: 'warning' };
    events.push(transition('deescalated', 'warning', value, levels.threshold('warning'), now, s.since, false, null));
  } else if (next.owed && ctx.suppressed === null && (next.episodeNotified || !inCooldown(rule, next, now))) {
    // The cooldown spaces out new episodes; news held back within a told episode goes out at once.
    next = { ...next, owed: false, notifiedAt: now, firingNotifiedAt: now, episodeNotified: true };
    events.push(
      transition('reminder', next.severity, value, levels.threshold(next.severity!), now, s.since, true, null),
    );
  } else if (
    rule.repeat !== null &&
    !next.acknowledged &&
    next.notifiedAt !== null &&
    now - next.notifiedAt >= rule.repeat
  ) {
    // A repeat held back by quiet hours or a snooze becomes a reminder once they end.
    const suppressed = ctx.suppressed;
    next = { ...next, notifiedAt: now, owed: next.owed || suppressed !== null };
    events.push(
      transition(
        'repeat',
        next.severity,
        value,
        levels.threshold(next.severity!),
        now,
        s.since,
        suppressed === null,
        suppressed,
      ),
    );
  }
  return { state: next, events };
}

function resolve(s: InstanceState, value: number | null, threshold: number, now: number, ctx: EvalContext): Step {
  const wouldNotify = s.episodeNotified;
  const suppressed = wouldNotify ? ctx.suppressed : null;
  const notified = wouldNotify && suppressed === null;
  const next: InstanceState = {
    ...s,
    phase: 'resolved',
    since: null,
    criticalSince: null,
    lastSeen: value === null ? s.lastSeen : now,
    value,
    owed: false,
    notifiedAt: null,
  };
  return {
    state: next,
    events: [transition('resolved', s.severity, value, threshold, now, s.since, notified, suppressed)],
  };
}

/** After a gap nothing carries over except a firing alert (which needs a clear reading to end). */
function afterGap(s: InstanceState): InstanceState {
  if (s.phase === 'firing') return { ...s, criticalSince: null };
  return { ...s, phase: 'ok', severity: null, since: null, criticalSince: null };
}

function unmeasured(rule: EvaluatedRule, s: InstanceState, now: number, ctx: EvalContext, levels: Levels): Step {
  const stale = s.lastSeen !== null && now - s.lastSeen > ctx.staleAfterMs;
  if (!stale || s.phase === 'ok') return { state: s, events: NO_EVENTS };
  if (s.phase === 'firing') return resolve(s, null, levels.clearLevel, now, ctx);
  return { state: { ...s, phase: 'ok', severity: null, since: null, criticalSince: null }, events: NO_EVENTS };
}

function inCooldown(rule: EvaluatedRule, s: InstanceState, now: number): boolean {
  return s.firingNotifiedAt !== null && now - s.firingNotifiedAt < rule.cooldown;
}
