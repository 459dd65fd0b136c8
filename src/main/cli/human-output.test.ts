// What the query commands print for people, to the character, from a database holding known
// samples. Local times are pinned to UTC and "now" is injected: nothing depends on the clock.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';
import { iso, storeSamples, T0 } from './test-support/stored-samples.js';

process.env.TZ = 'UTC';

let dir: string;
let db: string;

const values = (cpu: number, rx: number) => ({
  'cpu.total': cpu,
  'load.1': 1.5,
  'mem.used': 512 * 1024 ** 2,
  'mem.percent': 50,
  'net.rx': rx,
  'net.rx[eth0]': rx,
  'fs.used_pct[/]': 70,
  'disk.used_pct': 70,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashlight-cli-output-'));
  db = join(dir, 'dashlight.db');
  await storeSamples(db, [
    { ts: T0, values: values(10, 2048) },
    { ts: T0 + 1000, values: values(20, 1024) },
    { ts: T0 + 2000, values: values(30.5, 0) },
  ]);
});

async function cli(...argv: string[]) {
  const io = captureIo({ DASHLIGHT_DATA_DIR: dir }, () => T0 + 60_000);
  const code = await main([...argv, '--db', db], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

const lines = (...rows: string[]) => rows.join('\n');

describe('human output of the query commands', () => {
  it('stats: the CPU, memory and disk summary, then every series', async () => {
    const { code, out } = await cli('stats', '--from', iso(T0 - 1000), '--to', iso(T0 + 60_000));
    expect(code).toBe(0);
    expect(out).toBe(
      lines(
        '3 samples from 2026-01-01 00:00:00 to 2026-01-01 00:00:02, from raw samples',
        '',
        'summary                  avg     min     max     p95',
        '----------------------  ------  ------  ------  ------',
        'CPU busy                20.2 %  10.0 %  30.5 %  29.5 %',
        'Memory used             50.0 %  50.0 %  50.0 %  50.0 %',
        'Disk used (all mounts)  70.0 %  70.0 %  70.0 %  70.0 %',
        '',
        'series           avg         min       max         p95        points',
        '--------------  ----------  --------  ----------  ----------  ------',
        'cpu.total       20.2 %      10.0 %    30.5 %      29.5 %           3',
        'load.1          1.50        1.50      1.50        1.50             3',
        'mem.used         512 MiB     512 MiB   512 MiB     512 MiB         3',
        'mem.percent     50.0 %      50.0 %    50.0 %      50.0 %           3',
        'net.rx           1.0 KiB/s     0 B/s   2.0 KiB/s   1.9 KiB/s       3',
        'net.rx[eth0]     1.0 KiB/s     0 B/s   2.0 KiB/s   1.9 KiB/s       3',
        'fs.used_pct[/]  70.0 %      70.0 %    70.0 %      70.0 %           3',
        'disk.used_pct   70.0 %      70.0 %    70.0 %      70.0 %           3',
      ),
    );
    expect((await cli('stats', '--from', iso(T0 + 10_000), '--to', iso(T0 + 20_000))).out).toBe(
      'No samples in this range.',
    );
  });

  it('list: the headline series per sample, newest first, and where the page is', async () => {
    const { code, out } = await cli('list', '--limit', '2');
    expect(code).toBe(0);
    expect(out).toBe(
      lines(
        'time                 cpu.total  mem.percent  load.1  net.rx     net.tx  disk.read  disk.write',
        '-------------------  ---------  -----------  ------  ---------  ------  ---------  ----------',
        '2026-01-01 00:00:02     30.5 %       50.0 %    1.50    0 B/s         –          –           –',
        '2026-01-01 00:00:01     20.0 %       50.0 %    1.50  1.0 KiB/s       –          –           –',
        'page 1 of 2 (3 samples)',
      ),
    );
    expect((await cli('list', '--limit', '2', '--page', '3')).out).toMatch(/\npage 3 is past the last page \(2\)$/);
  });

  it('latest: one row per series, numbers and units aligned', async () => {
    expect((await cli('latest')).out).toBe(
      lines(
        'Sample at 2026-01-01 00:00:02 (2026-01-01T00:00:02.000Z)',
        'series          value',
        '--------------  --------',
        'cpu.total       30.5 %',
        'load.1          1.50',
        'mem.used         512 MiB',
        'mem.percent     50.0 %',
        'net.rx             0 B/s',
        'net.rx[eth0]       0 B/s',
        'fs.used_pct[/]  70.0 %',
        'disk.used_pct   70.0 %',
      ),
    );
  });

  it('history: the tier, then a table per series', async () => {
    const { out } = await cli('history', '--metric', 'cpu.total', '--from', iso(T0), '--to', iso(T0 + 3000));
    expect(out).toBe(
      lines(
        'tier raw: raw points',
        '',
        'cpu.total',
        'time                 value',
        '-------------------  ------',
        '2026-01-01 00:00:00  10.0 %',
        '2026-01-01 00:00:01  20.0 %',
        '2026-01-01 00:00:02  30.5 %',
      ),
    );
  });

  it('metrics: every series this database has, with unit, cadence and description', async () => {
    const { code, out } = await cli('metrics');
    expect(code).toBe(0);
    expect(out).toBe(
      lines(
        'series          unit     read        description',
        '--------------  -------  ----------  ----------------------',
        'cpu.total       %        every tick  CPU busy',
        'load.1          load     every tick  Load average 1 min',
        'mem.used        bytes    every tick  Memory used',
        'mem.percent     %        every tick  Memory used',
        'net.rx          bytes/s  every tick  Network in',
        'net.rx[eth0]    bytes/s  every tick  Network in',
        'fs.used_pct[/]  %        slow set    Filesystem used',
        'disk.used_pct   %        slow set    Disk used (all mounts)',
      ),
    );
    const listed = JSON.parse((await cli('metrics', '--json')).out);
    expect(listed.stored).toBe(true);
    expect(listed.data[0]).toEqual({ key: 'cpu.total', unit: 'percent', cadence: 'hot', description: 'CPU busy' });
    expect(listed.data.map((e: { key: string }) => e.key)).toEqual([
      'cpu.total',
      'load.1',
      'mem.used',
      'mem.percent',
      'net.rx',
      'net.rx[eth0]',
      'fs.used_pct[/]',
      'disk.used_pct',
    ]);
  });

  it('an empty database says how to get samples; an empty range says so', async () => {
    const empty = join(dir, 'nothing-yet.db');
    const query = async (...argv: string[]) => {
      const io = captureIo({ DASHLIGHT_DATA_DIR: dir }, () => T0);
      expect(await main([...argv, '--db', empty], io)).toBe(0);
      return io.stdout.join('');
    };
    const none = 'No samples yet: "dashlight sample" takes one, "dashlight run" samples until stopped.';
    expect(await query('latest')).toBe(none);
    expect(await query('list')).toBe(none);
    expect(await query('stats')).toBe(none);
    expect(await query('list', '--from', '-1h')).toBe('No samples in this range.');
  });

  it("metrics on an empty database: the catalogue, and how to get this machine's own series", async () => {
    const io = captureIo({ DASHLIGHT_DATA_DIR: dir }, () => T0);
    expect(await main(['metrics', '--db', join(dir, 'empty.db'), '--json'], io)).toBe(0);
    const listed = JSON.parse(io.stdout.join(''));
    expect(listed.stored).toBe(false);
    expect(listed.data.map((e: { key: string }) => e.key)).toEqual(
      expect.arrayContaining(['cpu.total', 'mem.percent', 'net.rx', 'disk.used_pct', 'battery.percent']),
    );
    const human = captureIo({ DASHLIGHT_DATA_DIR: dir }, () => T0);
    await main(['metrics', '--db', join(dir, 'empty.db')], human);
    expect(human.stderr).toEqual([
      'dashlight: nothing stored yet; these are the series every machine can have. ' +
        '"dashlight sample" takes one reading and adds this machine\'s cores, interfaces, disks and mounts.',
    ]);
  });
});

describe('refusals name what was given', () => {
  it('a mistyped series suggests the nearest ones this machine has', async () => {
    expect(await cli('history', '--metric', 'cpu.totl')).toEqual({
      code: 2,
      out: '',
      err: 'dashlight: --metric cpu.totl: no such series; did you mean cpu.total? ("dashlight metrics" lists every series this machine has)',
    });
    expect((await cli('export', '--out', '-', '--metrics', 'cpu.total,mem.persent')).err).toBe(
      'dashlight: --metrics mem.persent: no such series; did you mean mem.percent? ("dashlight metrics" lists every series this machine has)',
    );
    expect((await cli('history', '--metric', 'net.rx[eht0]')).err).toBe(
      'dashlight: --metric net.rx[eht0]: this machine has stored no such series; did you mean net.rx[eth0]? ("dashlight metrics" lists every series this machine has)',
    );
  });

  it.each([['list'], ['stats'], ['history', '--metric', 'cpu.total'], ['alerts', 'history'], ['export', '--out', '-']])(
    '%s --from -2h --to -3h is refused, naming both ends',
    async (...command) => {
      expect(await cli(...command, '--from', '-2h', '--to', '-3h')).toEqual({
        code: 2,
        out: '',
        err:
          'dashlight: --from -2h (2025-12-31T22:01:00.000Z) is not before --to -3h (2025-12-31T21:01:00.000Z): ' +
          'the range would be empty; give the earlier time to --from',
      });
    },
  );
});
