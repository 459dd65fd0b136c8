/**
 * Alert rules: the schema (part of the settings), and the defaults a first run starts with.
 *
 * A rule watches one series (`fs.used_pct[/]`) or, given a per-entity metric without an entity
 * (`fs.used_pct`), every entity of it separately: each mount then has its own alert instance.
 *
 * @example
 * const rule = parseRule({ name: 'Hot CPU', metric: 'cpu.total', comparator: 'above', critical: 95, for: '1m' });
 * rule.id // 'hot-cpu'
 */
import { durationField, optionalDurationField } from './duration-schema.js';
import { isKnownSeries, parseSeriesKey } from './metrics.js';
import { describeIssues, SettingsError } from './settings-error.js';
import { uniqueListOf } from './schema-helpers.js';
import { z } from './validation.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export type Comparator = 'above' | 'below';
export type Severity = 'warning' | 'critical';

const ruleId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be 1–64 characters of a-z, 0-9, "-" or "_"' }));

const seriesField = z
  .string()
  .check(z.refine(isKnownSeries, { message: 'unknown metric: see the metric list in the README' }));

const common = {
  id: z.optional(ruleId),
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Re-notify while still firing, this often; `null` (the default) notifies once. */
  repeat: optionalDurationField(MINUTE, 7 * DAY, null),
  /** After a recovery, a new firing within this time is recorded but not notified again. */
  cooldown: durationField(0, DAY, 5 * MINUTE),
  enabled: z._default(z.boolean(), true),
};

const thresholdRuleSchema = z
  .strictObject({
    ...common,
    kind: z._default(z.literal('threshold'), 'threshold'),
    metric: seriesField,
    comparator: z.enum(['above', 'below']),
    warning: z._default(z.nullable(z.number()), null),
    critical: z._default(z.nullable(z.number()), null),
    /** How long the condition must hold, without a gap, before the rule fires. */
    for: durationField(0, DAY, 0),
    /** The value that ends a firing alert (hysteresis); by default the trigger less a small margin. */
    clear: z._default(z.nullable(z.number()), null),
    /** Only evaluate while another series has this value, e.g. `battery.charging` = 0. */
    when: z._default(z.nullable(z.strictObject({ metric: seriesField, equals: z.number() })), null),
  })
  .check(
    z.superRefine((rule, ctx) => {
      const { warning, critical, comparator, clear } = rule;
      if (warning === null && critical === null) {
        ctx.issues.push({
          code: 'custom',
          path: ['critical'],
          message: 'set a warning or a critical threshold (or both)',
          input: rule,
        });
      }
      if (warning !== null && critical !== null && (comparator === 'above' ? warning > critical : warning < critical)) {
        ctx.issues.push({
          code: 'custom',
          path: ['warning'],
          message: `must be ${comparator === 'above' ? 'at most' : 'at least'} the critical threshold (${critical})`,
          input: warning,
        });
      }
      const trigger = warning ?? critical;
      if (clear !== null && trigger !== null && (comparator === 'above' ? clear > trigger : clear < trigger)) {
        ctx.issues.push({
          code: 'custom',
          path: ['clear'],
          message: `must be on the safe side of the trigger threshold (${comparator === 'above' ? '≤' : '≥'} ${trigger})`,
          input: clear,
        });
      }
    }),
  );

const forecastRuleSchema = z
  .strictObject({
    ...common,
    kind: z.literal('forecast'),
    /** `fs.used_pct` (every mount) or `fs.used_pct[/home]`. */
    metric: seriesField,
    /** Fire when the trend reaches 100 % within this time. */
    within: durationField(HOUR, 90 * DAY, 24 * HOUR),
    /** The trend is fitted over this much of the 1-minute tier. */
    lookback: durationField(30 * MINUTE, 7 * DAY, 6 * HOUR),
    /** Fewest 1-minute points for a trend to count. */
    minPoints: z._default(z.int().check(z.minimum(3), z.maximum(100_000)), 30),
    /** Least goodness of fit (R², 0–1) for a trend to count. */
    minFit: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.8),
    severity: z._default(z.enum(['warning', 'critical']), 'warning'),
  })
  .check(
    z.refine((rule) => parseSeriesKey(rule.metric).metric === 'fs.used_pct', {
      path: ['metric'],
      message: 'a forecast rule watches fs.used_pct (every mount) or fs.used_pct[<mount>]',
    }),
  );

/** A JavaScript regular expression, refused with the engine's own reason when it does not compile. */
const patternField = z.string().check(
  z.minLength(1),
  z.maxLength(500),
  z.superRefine((text, ctx) => {
    try {
      new RegExp(text);
    } catch (error) {
      ctx.issues.push({
        code: 'custom',
        message: `is not a valid regular expression: ${(error as Error).message}`,
        input: text,
      });
    }
  }),
);

/** What a process rule watches in the processes it matches. */
export type ProcessCondition = 'not-running' | 'cpu-above' | 'memory-above';

const processRuleSchema = z
  .strictObject({
    ...common,
    kind: z.literal('process'),
    /** An app as Dashlight names it (`nginx.service`, `firefox`, `chrome.exe`) or an executable's name; any case. */
    app: z._default(z.nullable(z.string().check(z.minLength(1), z.maxLength(200))), null),
    /** A regular expression tested against each process's command line (case-sensitive). */
    command: z._default(z.nullable(patternField), null),
    condition: z.enum(['not-running', 'cpu-above', 'memory-above']),
    /** The severity a `not-running` rule fires with. */
    severity: z._default(z.enum(['warning', 'critical']), 'critical'),
    /** `cpu-above`: percent of one core, summed over the matching processes; `memory-above`: resident bytes. */
    warning: z._default(z.nullable(z.number().check(z.nonnegative())), null),
    critical: z._default(z.nullable(z.number().check(z.nonnegative())), null),
    /** The value that ends a firing alert; by default the trigger less 5 %. */
    clear: z._default(z.nullable(z.number().check(z.nonnegative())), null),
    /** How long the condition must hold, without a gap, before the rule fires. */
    for: durationField(0, DAY, 0),
  })
  .check(
    z.superRefine((rule, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.issues.push({ code: 'custom', path: [path], message, input: rule });
      if ((rule.app === null) === (rule.command === null)) {
        issue('app', 'set either app (a name like nginx.service) or command (a regular expression), not both');
      }
      if (rule.condition === 'not-running') {
        if (rule.warning !== null || rule.critical !== null || rule.clear !== null) {
          issue('condition', 'a not-running rule takes a severity, not warning, critical or clear levels');
        }
        return;
      }
      const { warning, critical, clear } = rule;
      if (warning === null && critical === null) issue('critical', 'set a warning or a critical threshold (or both)');
      if (warning !== null && critical !== null && warning > critical) {
        issue('warning', `must be at most the critical threshold (${critical})`);
      }
      const trigger = warning ?? critical;
      if (clear !== null && trigger !== null && clear > trigger) {
        issue('clear', `must be on the safe side of the trigger threshold (≤ ${trigger})`);
      }
    }),
  );

export const alertRuleSchema = z.pipe(
  z.discriminatedUnion('kind', [thresholdRuleSchema, forecastRuleSchema, processRuleSchema]),
  z.transform((rule) => ({ ...rule, id: rule.id ?? slugify(rule.name) })),
);

export type AlertRule = z.output<typeof alertRuleSchema>;
export type AlertRuleInput = z.input<typeof alertRuleSchema>;
export type ThresholdRule = Extract<AlertRule, { kind: 'threshold' }>;
export type ForecastRule = Extract<AlertRule, { kind: 'forecast' }>;
export type ProcessRule = Extract<AlertRule, { kind: 'process' }>;

/**
 * The series name an alert of a process rule carries: what it counts, and which processes.
 *
 * @example
 * processRuleSeries({ condition: 'not-running', app: 'nginx.service', command: null }) // 'process.count[nginx.service]'
 * processRuleSeries({ condition: 'cpu-above', app: null, command: 'backup\\.sh' }) // 'process.cpu_pct[/backup\\.sh/]'
 */
export function processRuleSeries(rule: Pick<ProcessRule, 'condition' | 'app' | 'command'>): string {
  const what = { 'not-running': 'process.count', 'cpu-above': 'process.cpu_pct', 'memory-above': 'process.rss_bytes' };
  return `${what[rule.condition]}[${rule.app ?? `/${rule.command}/`}]`;
}

/** A rule id from its name: 'Disk almost full!' → 'disk-almost-full'. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug === '' ? 'rule' : slug;
}

/** `rules` in the settings: unique ids. */
export const alertRulesSchema = uniqueListOf(alertRuleSchema, 'id', 'rule id');

/** Validates one rule; throws SettingsError naming each bad field. */
export function parseRule(input: unknown): AlertRule {
  const result = alertRuleSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues);
  throw new SettingsError(`invalid alert rule: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** The first-run rules: critical at CPU 90 %, memory 95 %, disk 90 %, warning a little below. */
export const DEFAULT_RULE_INPUTS: readonly AlertRuleInput[] = [
  { id: 'cpu-high', name: 'CPU busy', metric: 'cpu.total', comparator: 'above', warning: 80, critical: 90, for: '2m' },
  {
    id: 'memory-high',
    name: 'Memory almost full',
    metric: 'mem.percent',
    comparator: 'above',
    warning: 85,
    critical: 95,
    for: '2m',
  },
  {
    id: 'disk-high',
    name: 'Disk almost full',
    metric: 'fs.used_pct',
    comparator: 'above',
    warning: 80,
    critical: 90,
    for: '5m',
  },
  {
    id: 'battery-low',
    name: 'Battery low',
    metric: 'battery.percent',
    comparator: 'below',
    critical: 10,
    when: { metric: 'battery.charging', equals: 0 },
  },
  { id: 'disk-filling', name: 'Disk filling up', kind: 'forecast', metric: 'fs.used_pct', within: '24h' },
];

/** The margin a default clear threshold keeps from the trigger: 5 % of it, at least 1 unit. */
export function defaultClearMargin(threshold: number): number {
  return Math.max(1, Math.abs(threshold) * 0.05);
}
