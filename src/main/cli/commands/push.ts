/** `dashlight push status | now [target] | test <target> | dead-letters <target>`. */
import type { Command } from 'commander';
import type { PushStatusResult, PushTargetStatus } from '../../../shared/push.js';
import { formatDuration } from '../../../shared/time.js';
import { EXIT_FAILURE, type CliIo } from '../cli-io.js';
import { count, json, localTime, table, type Cell } from '../format.js';
import { openEngine, type CommonFlags } from '../options.js';

export function registerPush(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const push = program.command('push').description('push targets: status, send now, test a connection');
  const common = (command: Command) =>
    command
      .option('--db <file>', 'database file (default: the data folder)')
      .option('--config <file>', 'settings file to apply over config.json (targets can come from here)')
      .option('--json', 'machine-readable output');

  common(
    push.command('status').description('per target: pending, sent, last success and error, next retry, dead letters'),
  ).action(async (flags: CommonFlags) => {
    const { engine, close } = await openEngine(flags, io, { access: 'read' });
    try {
      const status = await engine.pushStatus();
      io.out(flags.json ? json(status) : statusTable(status, io.now()));
    } finally {
      await close();
    }
  });

  common(push.command('now [target]').description('send what is pending now (all targets, or one)')).action(
    async (target: string | undefined, flags: CommonFlags) => {
      const { engine, close } = await openEngine(flags, io, { access: 'write' });
      try {
        const status = await engine.pushNow(target === undefined ? undefined : { target });
        io.out(flags.json ? json(status) : statusTable(status, io.now()));
        const shown = status.targets.filter((t) => target === undefined || t.name === target);
        for (const held of shown.filter((t) => t.enabled && t.retryAfterUntil !== null && t.pending > 0)) {
          const wait = formatDuration(Math.max(0, held.retryAfterUntil! - io.now()));
          io.err(
            `dashlight: ${held.name}: nothing sent; the server asked (Retry-After) to wait until ${localTime(held.retryAfterUntil!)} (in ${wait})`,
          );
        }
        const stuck = (t: PushTargetStatus) => t.credentialProblem !== null || (t.pending > 0 && t.lastError !== null);
        if (shown.some((t) => t.enabled && stuck(t))) setExit(EXIT_FAILURE);
      } finally {
        await close();
      }
    },
  );

  common(
    push.command('test <target>').description('one real request to a configured target, and what came of it'),
  ).action(async (name: string, flags: CommonFlags) => {
    const { engine, close, settings } = await openEngine(flags, io, { access: 'read' });
    try {
      const target = settings.push.targets.find((t) => t.name === name);
      if (!target) throw new Error(`no push target "${name}" in the settings: see \`dashlight push status\``);
      const result = await engine.testTarget(target);
      io.out(flags.json ? json(result) : `${result.ok ? 'ok' : 'FAILED'} in ${result.elapsedMs} ms: ${result.detail}`);
      if (!result.ok) setExit(EXIT_FAILURE);
    } finally {
      await close();
    }
  });

  common(push.command('dead-letters <target>').description('batches a target refused for good, newest first')).action(
    async (target: string, flags: CommonFlags) => {
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        const letters = await engine.pushDeadLetters({ target, limit: 50 });
        if (flags.json) io.out(json(letters));
        else if (letters.length === 0) io.out(`No dead letters for ${target}.`);
        else
          io.out(
            table(
              ['id', 'at', 'status', 'samples', 'batch', 'server said'].map((header) => ({ header })),
              letters.map((d) => [
                count(d.id),
                localTime(d.at),
                count(d.status),
                count(d.samples),
                d.batchId,
                (d.bodyExcerpt ?? '').slice(0, 60),
              ]),
            ),
          );
      } finally {
        await close();
      }
    },
  );
}

function statusTable(status: PushStatusResult, now: number): string {
  if (status.targets.length === 0)
    return 'No push targets: add one under "push.targets" in config.json (see the README).';
  const ago = (ts: number | null) => (ts === null ? '–' : `${formatDuration(Math.max(0, now - ts))} ago`);
  const rows = status.targets.map((t): Cell[] => [
    t.name,
    t.kind,
    t.url,
    !t.enabled ? 'disabled' : t.paused ? 'paused' : t.credentialProblem !== null ? 'not sending' : 'on',
    count(t.pending),
    count(t.sentTotal),
    ago(t.lastSuccess),
    t.nextAttempt === null ? '–' : `in ${formatDuration(Math.max(0, t.nextAttempt - now))}`,
    count(t.deadLetters),
    count(t.droppedTotal),
    t.credentialProblem === null ? (t.lastError ?? '–') : `not sending: ${t.credentialProblem}`,
  ]);
  const headers = [
    'target',
    'kind',
    'url',
    'state',
    'pending',
    'sent',
    'last success',
    'next retry',
    'dead',
    'dropped',
  ];
  return table(
    [...headers, 'last error'].map((header) => ({ header })),
    rows,
  );
}
