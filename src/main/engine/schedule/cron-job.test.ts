import { afterEach, describe, expect, it } from 'vitest';
import schedule from 'node-schedule';
import { scheduleCron } from './cron-job.js';

afterEach(async () => {
  await schedule.gracefulShutdown();
});

describe('scheduleCron', () => {
  it('expresses a 06:00 UTC daily snapshot', () => {
    const job = scheduleCron('snapshot', { cron: '0 6 * * *', tz: 'UTC' }, () => {});
    const next = job.nextRun();
    expect(next).not.toBeNull();
    expect(next!.getUTCHours()).toBe(6);
    expect(next!.getUTCMinutes()).toBe(0);
    expect(next!.getTime()).toBeGreaterThan(Date.now());
    expect(next!.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
    job.cancel();
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
  });

  it('names the setting path when the expression or zone is bad', () => {
    expect(() => scheduleCron('s', { cron: '99 * * * *' }, () => {}, 'sampling.snapshots.0')).toThrow(
      /sampling\.snapshots\.0: "99 \* \* \* \*".*not a valid cron/,
    );
    expect(() => scheduleCron('s', { cron: '0 6 * * *', tz: 'Mars/Base' }, () => {})).toThrow(/tz Mars\/Base/);
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
  });
});
