/**
 * The API contract, declared once. The engine implements it; the IPC transport (desktop) and the
 * HTTP/SSE transport (headless) carry exactly these methods and events, generated from this list,
 * so no method can be forgotten by one of them.
 *
 * @example
 * const input = METHODS.history.input.parse({ series: ['cpu.total'], from: 0, to: Date.now() });
 * const result: MethodOutput<'history'> = await api.history(input);
 */
import { z } from './validation.js';
import type { Sample } from './sample.js';
import type { HistoryResult, ListResult, RollingResult, StatsResult, StatusResult } from './queries.js';
import type { Settings } from './settings.js';
import { isKnownSeries } from './metrics.js';
import { alertRuleSchema, type AlertRule } from './alert-rules.js';
import { exportInput, type ExportDone, type ExportProgress, type ExportResult } from './export.js';
import type { DeadLetter, PushStatusResult, TargetTestResult } from './push.js';
import type { DiagnosticsResult } from './diagnostics.js';
import type { MqttStatus, MqttTestResult, PrometheusStatus } from './integrations.js';
import { pushTargetSchema } from './push-settings.js';
import { topProcessesInput, type LiveProcesses, type TopProcessesResult } from './processes.js';
import type {
  AlertEvent,
  AlertHistoryResult,
  AlertInstance,
  RuleTestResult,
  RulesResult,
  SnoozeResult,
} from './alerts.js';

const epochMs = z.int().check(z.nonnegative());

const range = z.strictObject({ from: z.optional(epochMs), to: z.optional(epochMs) });

const noInput = z.union([z.undefined(), z.strictObject({})]);

export const listInput = z.strictObject({
  from: z.optional(epochMs),
  to: z.optional(epochMs),
  page: z._default(z.int().check(z.minimum(1)), 1),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(5000)), 50),
});

export const historyInput = z.strictObject({
  series: z
    .array(z.string().check(z.refine(isKnownSeries, { message: 'unknown series: see the metric list in the README' })))
    .check(z.minLength(1), z.maxLength(64)),
  from: epochMs,
  to: epochMs,
  /** At most this many points per series; about twice the chart's width in pixels. */
  maxPoints: z._default(z.int().check(z.minimum(2), z.maximum(20_000)), 1000),
});

const instanceRef = z.strictObject({ id: z.int().check(z.positive()) });

const ruleRef = z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

export const alertHistoryInput = z._default(
  z.strictObject({
    from: z.optional(epochMs),
    to: z.optional(epochMs),
    state: z.optional(z.enum(['firing', 'resolved'])),
    rule: z.optional(z.string().check(z.minLength(1))),
    limit: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 100),
    offset: z._default(z.int().check(z.nonnegative()), 0),
  }),
  { limit: 100, offset: 0 },
);

export const snoozeInput = z.strictObject({
  /** A rule id, or 'all'. */
  target: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Epoch ms; null (or a past time) ends the snooze. */
  until: z.nullable(epochMs),
});

const exportRef = z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(64)) });
const targetRef = z.strictObject({ target: z.string().check(z.minLength(1), z.maxLength(64)) });
const optionalTarget = z.union([
  z.undefined(),
  z.strictObject({ target: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) }),
]);
const diagnosticsInput = z.union([
  z.undefined(),
  /** `integrity: true` runs PRAGMA integrity_check, which reads the whole file (seconds for a year). */
  z.strictObject({ integrity: z.optional(z.boolean()) }),
]);
const deadLettersInput = z.strictObject({
  target: z.string().check(z.minLength(1), z.maxLength(64)),
  limit: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 50),
});

/** Declares one method: its input schema, and its output type (carried as a phantom). */
function method<I extends z.ZodMiniType, O>(input: I): { readonly input: I; readonly output?: O } {
  return { input };
}

export const METHODS = {
  latest: method<typeof noInput, Sample | null>(noInput),
  list: method<typeof listInput, ListResult>(listInput),
  history: method<typeof historyInput, HistoryResult>(historyInput),
  stats: method<typeof range, StatsResult>(range),
  rolling: method<typeof noInput, RollingResult>(noInput),
  sampleNow: method<typeof noInput, Sample>(noInput),
  pause: method<typeof noInput, StatusResult>(noInput),
  resume: method<typeof noInput, StatusResult>(noInput),
  status: method<typeof noInput, StatusResult>(noInput),
  getSettings: method<typeof noInput, Settings>(noInput),
  /** A partial settings object; it is merged and validated as a whole by the settings schema. */
  updateSettings: method<z.ZodMiniType<Record<string, unknown>>, Settings>(z.record(z.string(), z.unknown())),
  listRules: method<typeof noInput, RulesResult>(noInput),
  /** Adds a rule, or replaces the one with the same id; the id comes from the name when absent. */
  saveRule: method<typeof alertRuleSchema, AlertRule>(alertRuleSchema),
  deleteRule: method<typeof ruleRef, { deleted: string }>(ruleRef),
  /** Sends a test notification for a rule through every configured channel. */
  testRule: method<typeof ruleRef, RuleTestResult>(ruleRef),
  alertHistory: method<typeof alertHistoryInput, AlertHistoryResult>(alertHistoryInput),
  acknowledge: method<typeof instanceRef, AlertInstance>(instanceRef),
  snooze: method<typeof snoozeInput, SnoozeResult>(snoozeInput),
  /** Streams a range to a file (temporary file, then rename); progress and completion come as events. */
  export: method<typeof exportInput, ExportResult>(exportInput),
  cancelExport: method<typeof exportRef, { cancelled: boolean }>(exportRef),
  pushStatus: method<typeof noInput, PushStatusResult>(noInput),
  /** Sends what is pending now, to one target or all, ignoring backoff waits. */
  pushNow: method<typeof optionalTarget, PushStatusResult>(optionalTarget),
  pausePush: method<typeof targetRef, PushStatusResult>(targetRef),
  resumePush: method<typeof targetRef, PushStatusResult>(targetRef),
  /** One real request to a target described by `config` (it need not be saved yet). */
  testTarget: method<typeof pushTargetSchema, TargetTestResult>(pushTargetSchema),
  pushDeadLetters: method<typeof deadLettersInput, DeadLetter[]>(deadLettersInput),
  /** Versions, folders, DB size and (on request) integrity, for the About view. */
  diagnostics: method<typeof diagnosticsInput, DiagnosticsResult>(diagnosticsInput),
  /** The Prometheus endpoint: where it listens, scrapes served and refused, why it is not listening. */
  prometheusStatus: method<typeof noInput, PrometheusStatus>(noInput),
  /** The MQTT link: connected or waiting to retry, what was published, the last error. */
  mqttStatus: method<typeof noInput, MqttStatus>(noInput),
  /** One connection attempt with the saved MQTT settings (no will, nothing published), and what came of it. */
  testMqtt: method<typeof noInput, MqttTestResult>(noInput),
  /** The apps that used the most CPU, memory or disk I/O over a range, from the process history. */
  topProcesses: method<typeof topProcessesInput, TopProcessesResult>(topProcessesInput),
  /** The latest pass over the process table (what the `processes` event last carried); null before the first. */
  liveProcesses: method<typeof noInput, LiveProcesses | null>(noInput),
} as const;

export type MethodName = keyof typeof METHODS;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

export type MethodInput<K extends MethodName> = z.input<(typeof METHODS)[K]['input']>;
export type MethodParsedInput<K extends MethodName> = z.output<(typeof METHODS)[K]['input']>;
export type MethodOutput<K extends MethodName> = Exclude<(typeof METHODS)[K]['output'], undefined>;

/** What a client sees: one async function per method. */
export type DashlightApi = { [K in MethodName]: (input?: MethodInput<K>) => Promise<MethodOutput<K>> };

/** What the engine implements: methods receive already-validated input. */
export type DashlightHandlers = { [K in MethodName]: (input: MethodParsedInput<K>) => Promise<MethodOutput<K>> };

/** Event streams pushed to clients. */
export interface DashlightEvents {
  sample: Sample;
  status: StatusResult;
  /** Every alert transition, notified or not. */
  alert: AlertEvent;
  exportProgress: ExportProgress;
  exportDone: ExportDone;
  /** The top apps now, at the process cadence (settings `processes.interval`). */
  processes: LiveProcesses;
}
export type EventName = keyof DashlightEvents;
export const EVENT_NAMES = [
  'sample',
  'status',
  'alert',
  'exportProgress',
  'exportDone',
  'processes',
] as const satisfies readonly EventName[];
/** An event declared above but missing from EVENT_NAMES fails to compile here: no transport would carry it. */
export const EVERY_EVENT_LISTED: [Exclude<EventName, (typeof EVENT_NAMES)[number]>] extends [never] ? true : never =
  true;

export class InputError extends Error {
  constructor(
    readonly method: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`invalid input to ${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InputError';
  }
}

/** A method named something that does not exist (an alert id, a rule id). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * Validates raw input for a method (from IPC, HTTP or the CLI) against the contract.
 * Throws InputError naming each bad field.
 */
export function parseInput<K extends MethodName>(name: K, raw: unknown): MethodParsedInput<K> {
  const result = METHODS[name].input.safeParse(raw);
  if (result.success) return result.data as MethodParsedInput<K>;
  throw new InputError(
    name,
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  );
}
