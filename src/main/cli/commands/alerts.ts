/**
 * `dashlight alerts list | history | test <id> | snooze <id|all> <duration> | ack <id>`.
 * Rules come from the settings (config.json or --config); history from the database.
 */
import { describeProcessRule } from '../../../shared/process-rule-text.js';
import type { Command } from 'commander';
import type { AlertRule } from '../../../shared/alert-rules.js';
import type { RulesResult } from '../../../shared/alerts.js';
import { parseInput } from '../../../shared/contract.js';
import { formatDuration, parseDuration } from '../../../shared/time.js';
import { formatValue } from '../../../shared/units.js';
import { EXIT_FAILURE, UsageError, type CliIo } from '../cli-io.js';
import { json, localTime, table } from '../format.js';
import { asUsageError, intFlag, openEngine, type CommonFlags } from '../options.js';
import { registerAlertHistory } from './alerts-history.js';

export function registerAlerts(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const alerts = program.command('alerts').description('alert rules, their history, tests and snoozes');
  const common = (command: Command) =>
    command
      .option('--db <file>', 'database file (default: the data folder)')
      .option('--config <file>', 'settings file to apply over config.json (rules can come from here)')
      .option('--json', 'machine-readable output');

  common(alerts.command('list').description('the rules and what each is doing now')).action(
    async (flags: CommonFlags) => {
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        const result = await engine.listRules();
        io.out(flags.json ? json(result) : rulesTable(result));
      } finally {
        await close();
      }
    },
  );

  registerAlertHistory(common(alerts.command('history')), io);

  common(alerts.command('test <id>').description('send a test notification for a rule through every channel')).action(
    async (id: string, flags: CommonFlags) => {
      const { engine, close } = await openEngine(flags, io, { access: 'write' });
      try {
        const result = await engine.testRule({ id });
        if (flags.json) io.out(json(result));
        else
          io.out(
            table(
              [{ header: 'channel' }, { header: 'result' }, { header: 'detail' }],
              result.channels.map((c) => [c.channel, c.ok ? 'ok' : 'FAILED', c.detail]),
            ),
          );
        if (result.channels.some((c) => !c.ok)) setExit(EXIT_FAILURE);
      } finally {
        await close();
      }
    },
  );

  common(
    alerts.command('snooze <rule> <duration>').description('silence a rule (or "all") for a while; "off" ends it'),
  ).action(async (target: string, duration: string, flags: CommonFlags) => {
    const now = io.now();
    let until: number | null = null;
    if (duration !== 'off') {
      try {
        until = now + parseDuration(duration);
      } catch (error) {
        throw new UsageError(`duration: ${(error as Error).message}, or "off"`);
      }
    }
    const { engine, close } = await openEngine(flags, io, { access: 'write' });
    try {
      const result = await engine.snooze({ target, until });
      if (flags.json) io.out(json(result));
      else if (result.until === null) io.out(`${target}: snooze ended; notifications are on`);
      else
        io.out(
          `${target}: snoozed until ${localTime(result.until)} (${new Date(result.until).toISOString()}); alerts are still recorded`,
        );
    } finally {
      await close();
    }
  });

  common(alerts.command('ack <id>').description('acknowledge an alert from the history: it stops repeating')).action(
    async (id: string, flags: CommonFlags) => {
      let input;
      try {
        input = parseInput('acknowledge', { id: intFlag('id', id, 1, Number.MAX_SAFE_INTEGER) });
      } catch (error) {
        throw asUsageError(error);
      }
      const { engine, close } = await openEngine(flags, io, { access: 'write' });
      try {
        const instance = await engine.acknowledge(input);
        io.out(
          flags.json ? json(instance) : `alert ${instance.id} (${instance.ruleName}, ${instance.series}) acknowledged`,
        );
      } finally {
        await close();
      }
    },
  );
}

/** "above 80 % / 90 % for 2m", or "full within 24h" for a forecast. */
export function describeRule(rule: AlertRule): string {
  if (rule.kind === 'forecast')
    return `${rule.metric} full within ${formatDuration(rule.within)} (trend over ${formatDuration(rule.lookback)})`;
  if (rule.kind === 'process') return describeProcessRule(rule);
  const level = (v: number | null) => (v === null ? '–' : formatValue(rule.metric.replace(/\[.*$/, ''), v));
  const held = rule.for > 0 ? ` for ${formatDuration(rule.for)}` : '';
  const when = rule.when ? ` while ${rule.when.metric} = ${rule.when.equals}` : '';
  return `${rule.metric} ${rule.comparator} ${level(rule.warning)} / ${level(rule.critical)}${held}${when}`;
}

function rulesTable(result: RulesResult): string {
  const rows = result.rules.map(({ rule, instances, snoozedUntil }) => {
    const active = instances.filter((i) => i.phase === 'firing' || i.phase === 'pending');
    const state = !rule.enabled
      ? 'disabled'
      : active.length === 0
        ? 'ok'
        : active
            .map(
              (i) => `${i.phase}${i.severity ? ` (${i.severity})` : ''}${instances.length > 1 ? ` ${i.series}` : ''}`,
            )
            .join(', ');
    return [
      rule.id,
      rule.name,
      describeRule(rule),
      snoozedUntil ? `${state}, snoozed until ${localTime(snoozedUntil)}` : state,
    ];
  });
  const notes: string[] = [];
  if (result.allSnoozedUntil) notes.push(`All rules snoozed until ${localTime(result.allSnoozedUntil)}.`);
  if (result.quietNow) notes.push('Quiet hours now: alerts are recorded, not notified.');
  const body =
    rows.length === 0
      ? 'No alert rules.'
      : table(
          ['id', 'name', 'condition (warning / critical)', 'state'].map((header) => ({ header })),
          rows,
        );
  return [body, ...notes].join('\n');
}
