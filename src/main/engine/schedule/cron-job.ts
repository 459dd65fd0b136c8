/**
 * Cron-scheduled jobs (extra snapshots such as "06:00 UTC daily", rollups, retention),
 * on node-schedule. A bad expression or time zone is reported with the setting path that held it.
 *
 * @example
 * const job = scheduleCron('snapshot', { cron: '0 6 * * *', tz: 'UTC' }, () => engine.sampleNow());
 * job.nextRun() // Date of the next 06:00 UTC
 * job.cancel();
 */
import schedule from 'node-schedule';

export interface CronSpec {
  readonly cron: string;
  readonly tz?: string;
}

export interface CronJob {
  readonly name: string;
  nextRun(): Date | null;
  cancel(): void;
}

let sequence = 0;

/** Throws an Error naming `where` (e.g. a settings path) when the expression or zone is invalid. */
export function scheduleCron(name: string, spec: CronSpec, run: () => unknown, where = name): CronJob {
  // Unique names keep node-schedule's global registry from replacing another job of ours.
  const jobName = `${name}#${++sequence}`;
  const job = schedule.scheduleJob(jobName, { rule: spec.cron, tz: spec.tz ?? 'UTC' }, () => {
    void run();
  });
  if (!job) {
    // node-schedule registers the name even when it rejects the rule; drop it so nothing leaks.
    schedule.cancelJob(jobName);
    throw new Error(
      `${where}: "${spec.cron}" (tz ${spec.tz ?? 'UTC'}) is not a valid cron schedule; use 5 or 6 fields like "0 6 * * *" and an IANA zone like "UTC" or "Europe/Paris"`,
    );
  }
  return {
    name,
    nextRun: () => {
      const next = job.nextInvocation();
      return next ? new Date(next.getTime()) : null;
    },
    cancel: () => {
      job.cancel();
    },
  };
}
