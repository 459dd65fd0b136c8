import { mkdtemp, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEngineStore } from '../engine/test-support/open-engine-store.js';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashlight-cli-'));
  db = join(dir, 'dashlight.db');
});

async function cli(...argv: string[]) {
  const io = captureIo({ DASHLIGHT_DATA_DIR: dir });
  const code = await main(argv, io);
  return { code, out: io.text(), err: io.stderr.join('') };
}

describe('dashlight CLI (in-process)', () => {
  it('latest on an empty database says how to get a sample', async () => {
    const { code, out } = await cli('latest', '--db', db);
    expect(code).toBe(0);
    expect(out).toMatch(/No samples yet/);
  });

  it('sample stores a full sample with rates, and latest returns the same one', async () => {
    const sampled = await cli('sample', '--db', db, '--json');
    expect(sampled.code).toBe(0);
    const sample = JSON.parse(sampled.out).data;
    expect(sample.values['cpu.total']).toBeGreaterThanOrEqual(0);
    expect(sample.values['mem.total']).toBeGreaterThan(0);
    expect(sample.values['disk.used_pct']).toBeGreaterThan(0); // the slow set is part of a manual sample
    const stored = JSON.parse((await cli('latest', '--db', db, '--json')).out).data;
    expect(stored.ts).toBe(sample.ts);
    expect(Object.keys(stored.values).sort()).toEqual(Object.keys(sample.values).sort());
    // Gauges are stored as float32 (7 significant digits), counters as float64.
    for (const [key, value] of Object.entries(sample.values as Record<string, number>)) {
      expect(Math.abs(stored.values[key] - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-6);
    }
    const human = await cli('latest', '--db', db);
    expect(human.out).toMatch(/cpu\.total\s+\d+\.\d %/);
    // Grouped from 1,000 to 1,023 of a unit (1,006 MiB) before the next unit takes over.
    expect(human.out).toMatch(/mem\.used\s+\d{1,3}(,\d{3})*(\.\d+)? [KMG]iB/);
  });

  it('list pages through raw samples with totals', async () => {
    await cli('sample', '--db', db);
    const { code, out } = await cli('list', '--db', db, '--json', '--limit', '1', '--page', '2');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.pagination).toEqual({ page: 2, limit: 1, total: 2, totalPages: 2 });
    expect(result.data).toHaveLength(1);
    const human = await cli('list', '--db', db);
    expect(human.out).toMatch(/page 1 of 1 \(2 samples\)/);
  });

  it('stats gives the CPU, memory and disk summary plus p95 and every metric', async () => {
    const { code, out } = await cli('stats', '--db', db, '--json', '--from', '-1h');
    expect(code).toBe(0);
    const stats = JSON.parse(out);
    expect(stats.totalRecords).toBe(2);
    expect(stats.cpu).toEqual(
      expect.objectContaining({
        avg: expect.any(Number),
        min: expect.any(Number),
        max: expect.any(Number),
        p95: expect.any(Number),
      }),
    );
    expect(stats.memory.max).toBeLessThanOrEqual(100);
    expect(Object.keys(stats.metrics)).toContain('mem.used');
    const human = await cli('stats', '--db', db);
    expect(human.out).toMatch(/2 samples from/);
  });

  it('history returns the requested series', async () => {
    const { code, out } = await cli(
      'history',
      '--db',
      db,
      '--json',
      '--metric',
      'cpu.total,mem.percent',
      '--from',
      '-1h',
    );
    expect(code).toBe(0);
    const history = JSON.parse(out);
    expect(history.tier).toBe('raw');
    expect(history.series['cpu.total'].t.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(history.series)).toEqual(['cpu.total', 'mem.percent']);
  });

  it('doctor reports a healthy setup', async () => {
    const { code, out } = await cli('doctor', '--db', db, '--json');
    const report = JSON.parse(out);
    expect(report.findings.find((f: { check: string }) => f.check === 'database')).toMatchObject({ status: 'ok' });
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
  });

  it('doctor warns about entities left out past the per-metric cap, as the engine saved them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-doctor-'));
    const store = await openEngineStore(join(dir, 'dashlight.db'));
    const since = Date.UTC(2026, 0, 1);
    store.writeMeta(
      'entity_overflow',
      JSON.stringify([{ metric: 'net.rx', entities: 993, examples: ['usb7', 'usb8'], since }]),
    );
    store.close();
    const io = captureIo({ DASHLIGHT_DATA_DIR: dir });
    expect(await main(['doctor', '--json'], io)).toBe(0);
    const findings = JSON.parse(io.text()).findings as { check: string; status: string; detail: string }[];
    const entities = findings.find((f) => f.check === 'entities')!;
    expect(entities.status).toBe('warn');
    expect(entities.detail).toMatch(
      /^past the cap of 256 entities per metric: net\.rx: 993 entities not recorded since .+ \(usb7, usb8\)\. Raise storage\.maxEntitiesPerMetric to record them$/,
    );
  });

  it('doctor prints every check it promises on a clean install, not only the ones that found something', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'dashlight-doctor-'));
    const io = captureIo({ DASHLIGHT_DATA_DIR: fresh });
    expect(await main(['doctor', '--json'], io)).toBe(0);
    const findings = JSON.parse(io.text()).findings as { check: string; status: string; detail: string }[];
    const named = (check: string) => findings.find((f) => f.check === check);
    expect(findings.map((f) => f.check).filter((c) => !c.startsWith('collector '))).toEqual([
      'node',
      'settings',
      'secrets',
      'database',
      'writer',
      'quick check',
      'engine',
      'last sample',
      'alerts',
      'push',
      'entities',
      'hourly archive',
      'prometheus',
      'mqtt',
      'data folder',
      'disk space',
      'quarantine',
    ]);
    expect(named('last sample')).toEqual({
      check: 'last sample',
      status: 'ok',
      detail: 'none yet: "dashlight sample" takes one, "dashlight run" samples until stopped',
    });
    expect(named('engine')).toEqual({ check: 'engine', status: 'ok', detail: 'no engine is running' });
    expect(named('alerts')).toEqual({ check: 'alerts', status: 'ok', detail: '5 of 5 rules on' });
    expect(named('push')).toEqual({ check: 'push', status: 'ok', detail: 'no push targets configured' });
    expect(named('entities')).toEqual({
      check: 'entities',
      status: 'ok',
      detail: 'at most 256 entities per metric; none left out',
    });
    expect(named('hourly archive')).toEqual({
      check: 'hourly archive',
      status: 'ok',
      detail: 'off (archive.enabled is false)',
    });
    expect(named('prometheus')).toEqual({
      check: 'prometheus',
      status: 'ok',
      detail: 'off (prometheus.enabled is false; dashlight run --metrics turns it on)',
    });
    expect(named('mqtt')).toEqual({ check: 'mqtt', status: 'ok', detail: 'off (mqtt.enabled is false)' });
    expect(named('data folder')).toEqual({ check: 'data folder', status: 'ok', detail: `${fresh} is writable` });
    expect(named('quarantine')).toEqual({ check: 'quarantine', status: 'ok', detail: 'no corrupt database set aside' });
    expect(named('database')?.detail).toMatch(/^.*dashlight\.db: integrity ok, 0 raw rows, /);
    // Every collector of this OS gets a line, reporting series or saying it has nothing here.
    const collectors = findings.filter((f) => f.check.startsWith('collector '));
    expect(collectors.map((f) => f.check)).toEqual(expect.arrayContaining(['collector cpu', 'collector memory']));
    for (const f of collectors) expect(f.detail).toMatch(/^(\d+ series|nothing to report on this machine)$/);
  });

  it.each([
    [['history', '--db', 'x.db'], /--metric is required/],
    [['history', '--metric', 'cpu.totl'], /^dashlight: --metric cpu\.totl: no such series; did you mean cpu\.total\?/],
    [
      ['list', '--fro', '-1h'],
      /^dashlight: unknown option '--fro'; did you mean --from\? \(see "dashlight list --help"\)\n?$/,
    ],
    [['lst'], /^dashlight: unknown command 'lst'; did you mean list\? \(see "dashlight --help"\)\n?$/],
    [['alerts', 'snooze'], /^dashlight: missing required argument 'rule' \(see "dashlight alerts snooze --help"\)\n?$/],
    [['list', '--page', 'x'], /^dashlight: --page: "x" must be a whole number of 1 or more\n?$/],
    [['list', '--limit', 'lots'], /--limit: "lots" must be a whole number from 1 to 5000/],
    [['stats', '--from', 'yesterday'], /--from: bad time "yesterday"/],
    [['run', '--interval', '500ms'], /--interval: 500ms is out of range; use between 1s and 3600s/],
    [['run', '--log-level', 'loud'], /--log-level: "loud" is not one of/],
    [['latest', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j exits 2 with one clear line', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a data folder that cannot exist is one clear line and exit 2, never a hang', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    const { code, err } = await cli('latest', '--db', join(file, 'sub', 'x.db'));
    expect(code).toBe(2);
    expect(err).toMatch(
      /cannot use the data folder .*plain-file\/sub: .*plain-file is a file, not a folder\. Choose a writable place with --db FILE/,
    );
  });

  it('a bad --config file names the field path', async () => {
    const config = join(dir, 'bad-config.json');
    await writeFile(
      config,
      JSON.stringify({ sampling: { interval: '2s', slowInterval: 'soon' }, storage: { retention: { rawDays: 0 } } }),
    );
    const { code, err } = await cli('run', '--config', config, '--db', db);
    expect(code).toBe(2);
    expect(err).toBe(
      `dashlight: invalid config file ${config}: sampling.slowInterval: must be a duration such as 5s, between 5s and 1h (got "soon"); ` +
        'storage.retention.rawDays: Too small: expected number to be >0',
    );
  });

  it('doctor --config names the file it read, and the file that is wrong', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'dashlight-doctor-config-'));
    const overlay = join(fresh, 'overlay.json');
    await writeFile(overlay, JSON.stringify({ sampling: { interval: '5s' } }));
    const io = captureIo({ DASHLIGHT_DATA_DIR: fresh });
    expect(await main(['doctor', '--config', overlay, '--json'], io)).toBe(0);
    const settings = (JSON.parse(io.text()).findings as { check: string; detail: string }[]).find(
      (f) => f.check === 'settings',
    );
    expect(settings?.detail).toBe(`${overlay} over ${join(fresh, 'config.json')}`);
    await writeFile(overlay, '\uFEFF{ "sampling": { "interval": "1ms" } }');
    const bad = captureIo({ DASHLIGHT_DATA_DIR: fresh });
    expect(await main(['doctor', '--config', overlay, '--json'], bad)).toBe(1);
    const failed = (JSON.parse(bad.text()).findings as { check: string; status: string; detail: string }[]).find(
      (f) => f.check === 'settings',
    );
    expect(failed).toEqual({
      check: 'settings',
      status: 'fail',
      detail: `invalid config file ${overlay}: sampling.interval: must be a duration such as 2s, between 1s and 1h (got "1ms")`,
    });
  });

  it('a corrupt database is moved aside with a warning, and doctor lists it', async () => {
    const broken = join(dir, 'broken.db');
    await writeFile(broken, Buffer.alloc(8192, 0x5a));
    const { code, err } = await cli('latest', '--db', broken);
    expect(code).toBe(0);
    expect(err).toMatch(/moved to .*broken\.db\.corrupt-/);
    expect((await readdir(dir)).some((n) => n.startsWith('broken.db.corrupt-'))).toBe(true);
    const doctor = await cli('doctor', '--db', broken, '--json');
    const report = JSON.parse(doctor.out);
    expect(report.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'quarantine', status: 'warn' })]),
    );
  });
});
