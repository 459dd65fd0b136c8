// The server in front of a real Engine on a temporary SQLite database: only the hardware is fake.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../shared/export.js';
import type { StatusResult } from '../../shared/queries.js';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import { fakeCollectors } from '../engine/test-support/fake-collectors.js';
import { Engine } from '../engine/engine.js';
import { silentLogger } from '../engine/log/logger.js';
import { resolveDataPaths } from '../engine/paths.js';
import { ENGINE_MIGRATIONS } from '../engine/modules.js';
import type { PaceOptions } from '../engine/store/pacer.js';
import { writeSyntheticHistory } from '../engine/store/synthetic-history.js';
import { bearer, call, openEvents, request, startTestServer, tempDir } from './test-support.js';

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function realEngine(options: { history?: boolean; queryPace?: PaceOptions } = {}) {
  const dataDir = tempDir('dashlight-server-engine-');
  const paths = resolveDataPaths({ db: join(dataDir, 'dashlight.db') });
  // A day of 1 Hz samples, 45 series, ending 2026-01-02 00:00 UTC.
  if (options.history) {
    await writeSyntheticHistory(paths.dbFile, {
      end: DAY_END,
      days: 1,
      rawDays: 1,
      minuteDays: 1,
      migrations: ENGINE_MIGRATIONS,
    });
  }
  const engine = await Engine.open({
    paths,
    settings: DEFAULT_SETTINGS,
    log: silentLogger(),
    collectors: fakeCollectors(),
    ...(options.queryPace ? { queryPace: options.queryPace } : {}),
  });
  engines.push(engine);
  return { engine, dataDir };
}

const DAY_END = Date.UTC(2026, 0, 2);

describe('the web server on a real engine', () => {
  it('serves methods, validation and not-found from the engine, and streams its samples', async () => {
    const { engine, dataDir } = await realEngine();
    const { server } = await startTestServer({ engine, dataDir });
    const events = await openEvents(server);
    await events.until(/retry/);

    const sampled = await call(server, 'sampleNow');
    expect(sampled.status).toBe(200);
    const sample = sampled.json().value as { ts: number; values: Record<string, number> };
    expect(sample.values['disk.used_pct']).toBe(42);
    const text = await events.until(/event: sample\ndata: .*\n\n/);
    expect(JSON.parse(/event: sample\ndata: (.*)\n/.exec(text)![1]!)).toEqual(sample);

    const status = (await call(server, 'status')).json().value as StatusResult;
    expect(status.db.rows.raw).toBe(1);
    expect((await call(server, 'list', { limit: 10 })).json().value).toMatchObject({ data: [{ ts: sample.ts }] });
    const bad = await call(server, 'history', { series: ['no.such'], from: 0, to: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json().error?.issues).toEqual([expect.objectContaining({ path: 'series.0' })]);
    const missing = await call(server, 'acknowledge', { id: 999 });
    expect(missing.status).toBe(404);
    expect(missing.json().error?.message).toMatch(/no alert with id 999/);
    const settings = await call(server, 'updateSettings', { sampling: { interval: 1 } });
    expect(settings.status).toBe(400);
    expect(settings.json().error?.name).toBe('SettingsError');

    events.close();
    await server.close();
  });

  it('exports to a download in the data folder, which the browser then fetches', async () => {
    const { engine, dataDir } = await realEngine();
    const { server } = await startTestServer({ engine, dataDir });
    await engine.sampleNow();
    const reply = await call(server, 'export', { format: 'csv', from: 0, to: Date.now() + 1000, path: 'all.csv' });
    expect(reply.status).toBe(200);
    const result = reply.json().value as ExportResult & { downloadUrl: string };
    expect(result.rows).toBe(1);
    expect(existsSync(result.path)).toBe(true);
    const download = await request(server.port, result.downloadUrl, { headers: bearer(server) });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('filename="all.csv"');
    expect(download.body.split('\r\n')[0]).toMatch(/^ts,ts_ms,/);
    expect(download.body).toContain('42');
    expect(result.path.startsWith(dataDir)).toBe(true);
  });

  it('answers a cheap request while a long stats is still running', async () => {
    let turns = 0;
    let started: () => void = () => {};
    const firstTurn = new Promise<void>((resolve) => (started = resolve));
    const { engine, dataDir } = await realEngine({
      history: true,
      // Stats hands the event loop back after every chunk of rows (~4,000 raw rows of 45 series).
      queryPace: {
        sliceSteps: 1,
        onTurn: (work) => {
          if (work !== 'stats') return;
          turns++;
          started();
        },
      },
    });
    const { server } = await startTestServer({ engine, dataDir });
    const stats = call(server, 'stats', { from: DAY_END - 12 * 3_600_000, to: DAY_END - 1 });
    await firstTurn;
    const status = await call(server, 'status');
    const turnsWhenStatusAnswered = turns;
    const statsReply = await stats;
    expect(status.status).toBe(200);
    expect(statsReply.status).toBe(200);
    expect(statsReply.json().value).toMatchObject({ totalRecords: 43_200, resolution: 'raw' });
    // The status answer came back between two chunks of the stats scan, which went on after it.
    expect(turnsWhenStatusAnswered).toBeGreaterThanOrEqual(1);
    expect(turns).toBeGreaterThan(turnsWhenStatusAnswered);
  });
});
