import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import schedule from 'node-schedule';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sample } from '../../shared/sample.js';
import { DEFAULT_SETTINGS, mergeSettings, SettingsError } from '../../shared/settings.js';
import type { StatusResult } from '../../shared/queries.js';
import { fakeCollectors } from './test-support/fake-collectors.js';
import { Engine } from './engine.js';
import { silentLogger } from './log/logger.js';
import { resolveDataPaths } from './paths.js';
import { armedJobs } from './schedule/repeating-job.js';
import { headlessSealer, SecretCodec } from './settings/secret-codec.js';

const engines: Engine[] = [];
/** Where the fake clock starts, in the tests that let the schedule run. */
const T0 = Date.UTC(2026, 10, 23, 9);

async function openEngine(settings = DEFAULT_SETTINGS, db?: string) {
  const file = db ?? join(await mkdtemp(join(tmpdir(), 'dashlight-engine-')), 'dashlight.db');
  const paths = resolveDataPaths({ db: file });
  const engine = await Engine.open({ paths, settings, log: silentLogger(), collectors: fakeCollectors() });
  engines.push(engine);
  return { engine, paths };
}

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  vi.useRealTimers();
  expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
  expect(armedJobs()).toEqual([]);
});

describe('Engine', () => {
  it('makes a manual sample queryable at once (a manual collect)', async () => {
    const { engine } = await openEngine();
    const sample = await engine.sampleNow();
    expect(sample.values['disk.used_pct']).toBe(42);
    const list = await engine.list({ page: 1, limit: 10 });
    expect(list.data.map((s) => s.ts)).toEqual([sample.ts]);
    expect(await engine.latest()).toEqual(sample);
  });

  it('samples on schedule, publishes events and rolling windows, and stops with nothing armed', async () => {
    vi.useFakeTimers({ now: T0 });
    const { engine, paths } = await openEngine(mergeSettings(DEFAULT_SETTINGS, { sampling: { interval: '1s' } }));
    const samples: Sample[] = [];
    engine.on('sample', (s) => samples.push(s));
    await engine.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(samples.map((s) => s.ts)).toEqual([T0 + 1_000, T0 + 2_000]);
    const rolling = await engine.rolling();
    expect(rolling.windows['1m']['cpu.total']?.count).toBeGreaterThanOrEqual(2);
    const status = await engine.status();
    expect(status).toMatchObject({ state: 'running', intervalMs: 1000, hostname: expect.any(String) });
    expect(status.lastSampleTs).toBe(samples.at(-1)!.ts);
    expect(status.self.rssBytes).toBeGreaterThan(0);
    await engine.stop();
    engines.length = 0;
    // Stop committed the buffered rows even though the 10 s commit had not run yet.
    const reopened = (await openEngine(DEFAULT_SETTINGS, paths.dbFile)).engine;
    const stored = await reopened.list({ page: 1, limit: 100 });
    expect(stored.data.map((s) => s.ts).sort()).toEqual(samples.map((s) => s.ts).sort());
  });

  it('reports diagnostics, with the integrity check only when asked', async () => {
    const { engine, paths } = await openEngine();
    const quick = await engine.diagnostics(undefined);
    expect(quick).toMatchObject({ dataDir: paths.dataDir, logDir: paths.logDir, db: { path: paths.dbFile } });
    expect(quick.db.integrity).toBeNull();
    expect(quick.runtime.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(quick.runtime.node).toBe(process.versions.node);
    expect(quick.db.sizeBytes).toBeGreaterThan(0);
    expect((await engine.diagnostics({ integrity: true })).db.integrity).toBe('ok');
  });

  it('refills the rolling windows from the last hour on disk after a restart', async () => {
    const first = await openEngine();
    for (let i = 0; i < 3; i++) await first.engine.sampleNow();
    await first.engine.stop();
    engines.length = 0;
    const second = await openEngine(DEFAULT_SETTINGS, first.paths.dbFile);
    expect((await second.engine.rolling()).windows['60m']['cpu.total']).toBeUndefined();
    await second.engine.start();
    const rolling = await second.engine.rolling();
    expect(rolling.windows['60m']['cpu.total']?.count).toBeGreaterThanOrEqual(3);
    expect(rolling.windows['60m']['mem.percent']).toMatchObject({ avg: 50, count: expect.any(Number) });
  });

  it('takes the cron snapshots from settings, even at a 1 h interval, and skips them while paused', async () => {
    const settings = mergeSettings(DEFAULT_SETTINGS, {
      sampling: { interval: '1h', snapshots: [{ cron: '* * * * * *' }] },
    });
    vi.useFakeTimers({ now: T0 });
    const { engine } = await openEngine(settings);
    const samples: Sample[] = [];
    engine.on('sample', (s) => samples.push(s));
    await engine.start();
    // A 6-field cron fires every second; the hourly tick cannot within these 3 s.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(samples.map((s) => s.ts)).toEqual([T0 + 1_000, T0 + 2_000, T0 + 3_000]);
    expect((await engine.list({ page: 1, limit: 10 })).pagination.total).toBe(3);
    await engine.pause();
    const whilePaused = samples.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(samples.length).toBe(whilePaused);
  });

  it('pause and resume change the state and publish status', async () => {
    const { engine } = await openEngine(mergeSettings(DEFAULT_SETTINGS, { sampling: { interval: '1s' } }));
    const statuses: StatusResult[] = [];
    engine.on('status', (s) => statuses.push(s));
    await engine.start();
    expect((await engine.pause()).state).toBe('paused');
    expect((await engine.resume()).state).toBe('running');
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['paused', 'running']));
  });

  it('validates settings updates, applies them live and persists them', async () => {
    const { engine, paths } = await openEngine();
    await expect(engine.updateSettings({ sampling: { interval: '10ms' } })).rejects.toThrow(SettingsError);
    await expect(engine.updateSettings({ sampling: { interval: '10ms' } })).rejects.toThrow(/sampling\.interval/);
    expect((await engine.getSettings()).sampling.interval).toBe(2000);
    const updated = await engine.updateSettings({ sampling: { interval: '5s' } });
    expect(updated.sampling.interval).toBe(5000);
    expect((await engine.status()).intervalMs).toBe(5000);
    const stored = JSON.parse(await readFile(paths.configFile, 'utf8'));
    expect(stored.sampling.interval).toBe(5000);
  });

  it('keeps running what is on disk when saving new settings fails', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'dashlight-engine-')), 'dashlight.db');
    const settingsStore = {
      save: () => {
        throw new Error('ENOSPC: no space left on device');
      },
      codec: new SecretCodec(headlessSealer),
    };
    const engine = await Engine.open({
      paths: resolveDataPaths({ db: file }),
      settings: DEFAULT_SETTINGS,
      log: silentLogger(),
      collectors: fakeCollectors(),
      settingsStore,
    });
    engines.push(engine);
    await expect(engine.updateSettings({ sampling: { interval: '5s' } })).rejects.toThrow(/ENOSPC/);
    expect((await engine.getSettings()).sampling.interval).toBe(DEFAULT_SETTINGS.sampling.interval);
    expect((await engine.status()).intervalMs).toBe(DEFAULT_SETTINGS.sampling.interval);
  });

  it('applies settings changed before start, and refuses a bad snapshot schedule without changing anything', async () => {
    const { engine, paths } = await openEngine();
    await expect(engine.updateSettings({ sampling: { snapshots: [{ cron: '0 99 * * *' }] } })).rejects.toThrow(
      /sampling\.snapshots\.0/,
    );
    expect((await engine.getSettings()).sampling.snapshots).toEqual([]);
    expect(existsSync(paths.configFile)).toBe(false); // refused before it was saved
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
    await engine.updateSettings({ sampling: { interval: '1s', snapshots: [{ cron: '0 6 * * *' }] } });
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]); // nothing armed before start
    expect(armedJobs()).toEqual([]);
    await engine.start();
    expect(Object.keys(schedule.scheduledJobs).filter((name) => name.startsWith('snapshot'))).toHaveLength(1);
    expect((await engine.status()).intervalMs).toBe(1000);
  });

  it('refuses to start on an invalid snapshot schedule, naming the setting', async () => {
    const bad = {
      ...DEFAULT_SETTINGS,
      sampling: { ...DEFAULT_SETTINGS.sampling, snapshots: [{ cron: '0 99 * * *', tz: 'UTC' }] },
    };
    const { engine } = await openEngine(bad);
    await expect(engine.start()).rejects.toThrow(/sampling\.snapshots\.0: "0 99 \* \* \*"/);
  });
});
