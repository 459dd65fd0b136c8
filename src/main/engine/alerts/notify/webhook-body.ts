/**
 * The JSON a webhook receives (documented in WEBHOOK.md). Versioned: fields are only ever added
 * within a version, so receivers can rely on `version: 1` meaning at least this shape.
 *
 * @example
 * const text = JSON.stringify(webhookBody(notification));
 */
import type { AlertEventKind, ProcessInfo } from '../../../../shared/alerts.js';
import type { Severity } from '../../../../shared/alert-rules.js';
import type { Notification } from './notifier.js';

export interface WebhookProcess {
  readonly pid: number;
  readonly name: string;
  /** Percent of one core. */
  readonly cpuPercent: number;
  readonly rssBytes: number;
}

export interface WebhookBody {
  readonly version: 1;
  readonly kind: AlertEventKind;
  readonly test: boolean;
  readonly host: string;
  readonly rule: { readonly id: string; readonly name: string };
  readonly series: string;
  readonly severity: Severity | null;
  readonly value: number | null;
  readonly threshold: number | null;
  /** ISO 8601; when the condition started to hold. */
  readonly since: string | null;
  /** ISO 8601; when this transition happened. */
  readonly at: string;
  readonly heldSeconds: number;
  readonly instanceId: number | null;
  readonly title: string;
  readonly text: string;
  readonly topProcesses: {
    readonly byCpu: readonly WebhookProcess[];
    readonly byMemory: readonly WebhookProcess[];
  } | null;
}

/**
 * Maps a notification to the webhook body. Pure: same input, same output.
 *
 * @example
 * webhookBody(n).rule // { id: 'cpu-busy', name: 'CPU busy' }
 */
export function webhookBody(n: Notification): WebhookBody {
  const e = n.event;
  return {
    version: 1,
    kind: e.kind,
    test: n.test,
    host: n.host,
    rule: { id: e.ruleId, name: e.ruleName },
    series: e.series,
    severity: e.severity,
    value: e.value,
    threshold: e.threshold,
    since: e.since === null ? null : new Date(e.since).toISOString(),
    at: new Date(e.at).toISOString(),
    heldSeconds: Math.round(e.heldMs / 1000),
    instanceId: e.instanceId,
    title: n.title,
    text: n.body,
    topProcesses: e.topProcesses
      ? { byCpu: e.topProcesses.byCpu.map(toProcess), byMemory: e.topProcesses.byMemory.map(toProcess) }
      : null,
  };
}

// Copied field by field so extra internal fields on ProcessInfo never leak into the public body.
function toProcess(p: ProcessInfo): WebhookProcess {
  return { pid: p.pid, name: p.name, cpuPercent: p.cpuPercent, rssBytes: p.rssBytes };
}
