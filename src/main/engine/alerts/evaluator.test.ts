import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from './instance-state.js';
import { RULE, runSeries } from './test-support/rule-tests.js';

// Table tests in the style of `promtool test rules`. RULE: above, warning 80, critical 90,
// clear 76 (80 less 5 %), for 30 s, cooldown 5 min; one reading every 10 s from t=0.
describe('evaluator: rule tables', () => {
  const cases: { name: string; series: string; rule?: Partial<typeof RULE>; expected: string[] }[] = [
    {
      name: 'a breach shorter than `for` never fires',
      series: '50 95x3 50x3',
      expected: ['t=10s pending(critical)'],
    },
    {
      name: 'a long breach fires once, and the recovery is told',
      series: '50 85x5 50',
      expected: ['t=10s pending(warning)', 't=40s firing(warning) notified', 't=60s resolved(warning) notified'],
    },
    {
      name: 'escalation notifies; easing back does not; recovery does',
      series: '85x4 95x4 85x2 70',
      expected: [
        't=0s pending(warning)',
        't=30s firing(warning) notified',
        't=70s escalated(critical) notified',
        't=80s deescalated(warning)',
        't=100s resolved(warning) notified',
      ],
    },
    {
      name: 'a breach that goes straight to critical fires critical',
      series: '95x4 50',
      expected: ['t=0s pending(critical)', 't=30s firing(critical) notified', 't=40s resolved(critical) notified'],
    },
    {
      name: 'flapping around the threshold: hysteresis keeps one alert and one notification',
      series: '81 79 81 79 81 79 81 79 81 79 81 79',
      rule: { for: 0 },
      expected: ['t=0s firing(warning) notified'],
    },
    {
      name: 'flapping with a repeat interval: at most one notification per interval',
      series: '81 79 81 79 81 79 81 79 81 79 81 79 81 79 81 79',
      rule: { for: 0, repeat: 60_000 },
      expected: ['t=0s firing(warning) notified', 't=60s repeat(warning) notified', 't=120s repeat(warning) notified'],
    },
    {
      name: 'flapping across the clear level: the cooldown holds back re-firing',
      series: '95 50 95 50 95 50',
      rule: { for: 0 },
      expected: [
        't=0s firing(critical) notified',
        't=10s resolved(critical) notified',
        't=20s firing(critical) suppressed:cooldown',
        't=30s resolved(critical)',
        't=40s firing(critical) suppressed:cooldown',
        't=50s resolved(critical)',
      ],
    },
    {
      name: 'flapping that stays up after the cooldown is told once, as a reminder',
      series: '95 50 95x8',
      rule: { for: 0, cooldown: 60_000 },
      expected: [
        't=0s firing(critical) notified',
        't=10s resolved(critical) notified',
        't=20s firing(critical) suppressed:cooldown',
        't=60s reminder(critical) notified',
      ],
    },
    {
      name: 'a gap restarts the count: time across it never counts toward `for`',
      series: '85x2 | 85x3 50',
      expected: ['t=0s pending(warning)', 't=20s pending(warning)'],
    },
    {
      name: 'without the gap the same readings fire',
      series: '85x5 50',
      expected: ['t=0s pending(warning)', 't=30s firing(warning) notified', 't=50s resolved(warning) notified'],
    },
    {
      name: 'a gap does not end a firing alert; only a clear reading does',
      series: '85x4 | 85 50',
      expected: ['t=0s pending(warning)', 't=30s firing(warning) notified', 't=50s resolved(warning) notified'],
    },
    {
      name: 'readings a sample did not carry (slow metrics) neither count nor break the breach',
      series: '85 _ _ 85 50',
      expected: ['t=0s pending(warning)', 't=30s firing(warning) notified', 't=40s resolved(warning) notified'],
    },
    {
      name: 'a series that stops being reported resolves (no data) after the stale time',
      series: '85x4 _x8',
      expected: ['t=0s pending(warning)', 't=30s firing(warning) notified', 't=100s resolved(warning) notified'],
    },
    {
      name: 'a below rule (battery)',
      series: '50 9x2 20',
      rule: { comparator: 'below', warning: null, critical: 10, for: 0 },
      expected: ['t=10s firing(critical) notified', 't=30s resolved(critical) notified'],
    },
    {
      name: 'an explicit clear level',
      series: '85x4 75 60',
      rule: { clear: 70 },
      expected: ['t=0s pending(warning)', 't=30s firing(warning) notified', 't=50s resolved(warning) notified'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(runSeries({ ...RULE, ...c.rule }, c.series).log).toEqual(c.expected);
    });
  }

  it('reports the phases promtool-style at each evaluation', () => {
    const run = runSeries(RULE, '50 85x5 50');
    expect(run.phases.map((p) => `${p.phase}${p.severity ? `(${p.severity})` : ''}`)).toEqual([
      'ok',
      'pending(warning)',
      'pending(warning)',
      'pending(warning)',
      'firing(warning)',
      'firing(warning)',
      'resolved(warning)',
    ]);
  });

  it('events carry the value, threshold and how long the condition held', () => {
    const firing = runSeries(RULE, '50 85x5 50').events.find((e) => e.kind === 'firing')!;
    expect(firing).toMatchObject({ value: 85, threshold: 80, since: 10_000, at: 40_000, heldMs: 30_000 });
  });
});

describe('evaluator: quiet hours and snooze', () => {
  const quietUntil = (end: number) => (at: number) => (at < end ? ('quiet-hours' as const) : null);

  it('records a firing during quiet hours without notifying, and tells it when they end', () => {
    expect(runSeries(RULE, '85x8 50', { suppressedAt: quietUntil(50_000) }).log).toEqual([
      't=0s pending(warning)',
      't=30s firing(warning) suppressed:quiet-hours',
      't=50s reminder(warning) notified',
      't=80s resolved(warning) notified',
    ]);
  });

  it('an alert that fires and recovers inside quiet hours notifies nothing at all', () => {
    const run = runSeries(RULE, '85x5 50', { suppressedAt: quietUntil(1e9) });
    expect(run.log).toEqual([
      't=0s pending(warning)',
      't=30s firing(warning) suppressed:quiet-hours',
      't=50s resolved(warning)',
    ]);
    expect(run.events.some((e) => e.notified)).toBe(false);
  });

  it('a recovery during quiet hours of an alert told before is recorded as held back', () => {
    const run = runSeries(RULE, '85x5 50', { suppressedAt: (at) => (at >= 45_000 ? 'quiet-hours' : null) });
    expect(run.log.at(-1)).toBe('t=50s resolved(warning) suppressed:quiet-hours');
  });

  it('an escalation during a snooze is told by the reminder after it, with the new severity', () => {
    const run = runSeries(RULE, '85x4 95x6 95x2', {
      suppressedAt: (at) => (at >= 35_000 && at < 100_000 ? 'snoozed' : null),
    });
    expect(run.log).toEqual([
      't=0s pending(warning)',
      't=30s firing(warning) notified',
      't=70s escalated(critical) suppressed:snoozed',
      't=100s reminder(critical) notified',
    ]);
  });

  it('repeats stop once acknowledged, but an escalation still notifies', () => {
    const rule = { ...RULE, for: 0, repeat: 30_000 };
    const firing = runSeries(rule, '85x2');
    const acked = { ...firing.state, acknowledged: true };
    const later = runSeries(rule, '85x6 95', { state: acked });
    expect(later.log).toEqual(['t=60s escalated(critical) notified']);
  });

  it('a restored firing state does not notify again within the repeat interval', () => {
    const rule = { ...RULE, repeat: 3_600_000 };
    const before = runSeries(rule, '85x4');
    expect(before.log).toContain('t=30s firing(warning) notified');
    // A restart: the state comes back from SQLite, and the first sample follows a gap.
    const after = runSeries(rule, '| 85x10', { state: JSON.parse(JSON.stringify(before.state)), stepMs: 10_000 });
    expect(after.events.filter((e) => e.notified)).toEqual([]);
    expect(after.state.phase).toBe('firing');
  });

  it('starts from the initial state by default', () => {
    expect(runSeries(RULE, '50').state).toEqual(INITIAL_STATE);
  });
});
