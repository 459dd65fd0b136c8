/**
 * The always-on channel: every notification becomes one structured line in the engine log, so
 * there is a record even when the desktop and webhook channels are off or failing.
 *
 * @example
 * dispatcher.add(new LogNotifier(log));
 */
import type { AlertEvent, ProcessInfo } from '../../../../shared/alerts.js';
import type { Logger } from '../../log/logger.js';
import type { Notification, Notifier } from './notifier.js';

const LOUD_KINDS: ReadonlySet<AlertEvent['kind']> = new Set(['firing', 'escalated', 'repeat', 'reminder']);

/**
 * Logs at `warn` for a real firing/escalated/repeat/reminder with a severity, `info` otherwise
 * (recoveries, tests), with the rule, series and reading as fields and `body` as the message.
 *
 * @example
 * await new LogNotifier(log).send(notificationFor(event, host));
 * // {"level":40,"ruleId":"cpu-busy","series":"cpu.total","severity":"critical",…,"msg":"CPU busy: 97% …"}
 */
export class LogNotifier implements Notifier {
  readonly channel = 'log';

  constructor(private readonly log: Logger) {}

  async send(n: Notification): Promise<void> {
    const e = n.event;
    const top = topProcess(e);
    const fields = {
      channel: this.channel,
      kind: e.kind,
      test: n.test,
      ruleId: e.ruleId,
      series: e.series,
      severity: e.severity,
      value: e.value,
      threshold: e.threshold,
      heldMs: e.heldMs,
      instanceId: e.instanceId,
      // Nested: a top-level `pid` would clash with pino's own pid field.
      topProcess: top ? { name: top.name, pid: top.pid } : null,
    };
    const loud = !n.test && e.severity !== null && LOUD_KINDS.has(e.kind);
    if (loud) this.log.warn(fields, n.body);
    else this.log.info(fields, n.body);
  }
}

/** The process most likely to explain the alert: the biggest by memory for memory series, else by CPU. */
function topProcess(e: AlertEvent): ProcessInfo | undefined {
  const top = e.topProcesses;
  if (!top) return undefined;
  const memoryFirst = /^(mem|swap)\./.test(e.series);
  return memoryFirst ? (top.byMemory[0] ?? top.byCpu[0]) : (top.byCpu[0] ?? top.byMemory[0]);
}
