// `dashlight top` in-process, on a database holding two minutes of process history written by
// hand: what it prints, to the character; --json; and what it says to bad flags or no history.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUnitsLocale } from '../../shared/units.js';
import { MinuteAccumulator } from '../engine/processes/minute-accumulator.js';
import { writeMinute } from '../engine/processes/minute-writer.js';
import { MINUTE_KEEP } from '../engine/processes/process-tiers.js';
import { openProcessHistory, passApp, passOf } from '../engine/processes/test-support.js';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

process.env.TZ = 'UTC';
setUnitsLocale('en-US');

const T0 = Date.UTC(2026, 0, 1, 12);
const MiB = 1024 * 1024;
let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashlight-cli-top-'));
  db = join(dir, 'dashlight.db');
  const parts = await openProcessHistory(db);
  const minutes = new MinuteAccumulator(MINUTE_KEEP);
  for (let m = 0; m < 2; m++) {
    const done = minutes.add(
      T0 + m * 60_000 + 30_000,
      60_000,
      4,
      passOf([
        passApp('ffmpeg', {
          cpuCs: 9000,
          rssBytes: 300 * MiB,
          ioBytes: 50 * MiB,
          topPid: 4242,
          topCommand: 'ffmpeg -i /home/ann/Videos/holiday-2025-raw-footage-4k.mov -c:v libx265 -crf 28 out.mkv',
        }),
        passApp('firefox', { cpuCs: 1200, rssBytes: 1500 * MiB, ioBytes: MiB, topPid: 2100 }),
      ]),
    );
    if (done) writeMinute(parts, done);
  }
  writeMinute(parts, minutes.take()!);
  parts.store.close();
});

async function cli(...argv: string[]) {
  const io = captureIo({ DASHLIGHT_DATA_DIR: dir }, () => T0 + 10 * 60_000);
  const code = await main(['top', ...argv, '--db', db], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('dashlight top', () => {
  it('ranks apps by CPU over the last 5 minutes by default… which here hold nothing', async () => {
    const { code, out } = await cli();
    expect(code).toBe(0);
    expect(out).toBe(
      'No process history in this range: "dashlight run" (or the desktop app) records it every few seconds.',
    );
  });

  it('prints one aligned row per app, by CPU', async () => {
    const { code, out } = await cli('--from', '2026-01-01T12:00:00Z', '--to', '2026-01-01T12:05:00Z');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Top apps by CPU time from 2026-01-01 12:00:00 to 2026-01-01 12:05:00: 2m of readings in 1m buckets, 4 cores, 204.0 CPU-seconds in all',
        'app      kind  CPU time  share   peak memory  disk I/O   pid  command',
        '-------  ----  --------  ------  -----------  --------  ----  ------------------------------------------------------------',
        'ffmpeg   exe    180.0 s  37.5 %      300 MiB   100 MiB  4242  ffmpeg -i /home/ann/Videos/holiday-2025-raw-footage-4k.mov …',
        'firefox  exe     24.0 s   5.0 %      1.5 GiB   2.0 MiB  2100  /usr/bin/firefox',
      ].join('\n'),
    );
  });

  it('--by memory --limit 1 --json', async () => {
    const { code, out } = await cli(
      '--from',
      '2026-01-01T12:00:00Z',
      '--to',
      '2026-01-01T12:05:00Z',
      '--by',
      'memory',
      '--limit',
      '1',
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      from: T0,
      to: T0 + 5 * 60_000,
      by: 'memory',
      bucketMs: 60_000,
      coveredMs: 120_000,
      cores: 4,
      totalCpuSeconds: 204,
      apps: [
        {
          app: 'firefox',
          kind: 'exe',
          cpuSeconds: 24,
          cpuShare: 0.05,
          peakRssBytes: 1500 * MiB,
          ioBytes: 2 * MiB,
          topPid: 2100,
          command: '/usr/bin/firefox',
        },
      ],
    });
  });

  it('names what is wrong with a flag', async () => {
    expect(await cli('--by', 'disk')).toMatchObject({
      code: 2,
      err: 'dashlight: --by: "disk" is not one of cpu, memory, io',
    });
    expect(await cli('--limit', '0')).toMatchObject({
      code: 2,
      err: 'dashlight: --limit: "0" must be a whole number from 1 to 100',
    });
    expect((await cli('--from', '-1h', '--to', '-2h')).err).toMatch(/^dashlight: --from -1h .* is not before --to -2h/);
  });
});
