// The server in front of a real Engine on a temporary SQLite database: only the hardware is fake.
import { readdirSync, readFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusResult } from '../../shared/queries.js';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/settings.js';
import { fakeCollectors } from '../engine/test-support/fake-collectors.js';
import { Engine } from '../engine/engine.js';
import { silentLogger } from '../engine/log/logger.js';
import { resolveDataPaths } from '../engine/paths.js';
import { ENGINE_MIGRATIONS } from '../engine/modules.js';
import type { PaceOptions } from '../engine/store/pacer.js';
import { writeSyntheticHistory } from '../engine/store/synthetic-history.js';
import { bearer, call, openEvents, request, startTestServer, tempDir } from './test-support.js';

const engines: Engine[] = [];
/** Where seeded history ends: a fixed day, so nothing depends on today's date. */
const T_END = Date.UTC(2026, 10, 23, 12);
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function realEngine(
  options: { settings?: Settings; seedDays?: number; seedEnd?: number; queryPace?: PaceOptions } = {},
) {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const dataDir = tempDir('dashlight-server-engine-');
  const paths = resolveDataPaths({ db: join(dataDir, 'dashlight.db') });
  // Days of 1 Hz samples, 45 series, ending on a fixed day.
  const days = options.seedDays ?? 0;
  if (days > 0) {
    await writeSyntheticHistory(paths.dbFile, {
      end: options.seedEnd ?? T_END,
      days,
      rawDays: days,
      minuteDays: days,
      migrations: ENGINE_MIGRATIONS,
    });
  }
  const engine = await Engine.open({
    paths,
    settings,
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

  it('never answers with a secret, and keeps each one when its marker is sent back', async () => {
    const settings = parseSettings({
      push: {
        targets: [
          {
            name: 'vm',
            kind: 'influx',
            url: 'https://me:url-pass@vm.lan/write',
            auth: { type: 'bearer', token: 'push-token-0001' },
          },
        ],
      },
      alerts: { webhook: { url: 'https://hooks.example.com/x', token: 'hook-token-0002' } },
      prometheus: { auth: { type: 'basic', username: 'prom', password: 'scrape-pass-0003' } },
      mqtt: { username: 'dashlight', password: 'broker-pass-0004' },
    });
    const { engine, dataDir } = await realEngine({ settings });
    const { server } = await startTestServer({ engine, dataDir });
    const read = await call(server, 'getSettings');
    expect(read.body).not.toMatch(/push-token-0001|hook-token-0002|url-pass|scrape-pass|broker-pass/);
    const shown = read.json().value as Settings;
    expect(shown.push.targets[0]).toMatchObject({
      url: 'https://***:***@vm.lan/write',
      auth: { type: 'bearer', token: { set: true, last4: '0001' } },
    });
    expect(shown.alerts.webhook?.token).toEqual({ set: true, last4: '0002' });
    expect(shown.prometheus.auth).toEqual({ type: 'basic', username: 'prom', password: { set: true, last4: '0003' } });
    expect(shown.mqtt.password).toEqual({ set: true, last4: '0004' });
    // The dashboard sends the list back with one change: the secrets stay as they were.
    const targets = [{ ...shown.push.targets[0], batchSize: 100 }];
    const saved = await call(server, 'updateSettings', { push: { targets } });
    expect(saved.status).toBe(200);
    expect(saved.body).not.toMatch(/push-token-0001|hook-token-0002|url-pass/);
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Settings;
    expect(onDisk.push.targets[0]).toMatchObject({
      batchSize: 100,
      url: 'https://me:url-pass@vm.lan/write',
      auth: { type: 'bearer', token: 'push-token-0001' },
    });
    expect(onDisk.alerts.webhook?.token).toBe('hook-token-0002');
    expect(onDisk.prometheus.auth).toEqual({ type: 'basic', username: 'prom', password: 'scrape-pass-0003' });
    expect(onDisk.mqtt.password).toBe('broker-pass-0004');
    // The dashboard's Settings page sends the scrape credential back with a new user name only.
    const renamed = { ...shown.prometheus.auth, username: 'scraper' };
    expect((await call(server, 'updateSettings', { prometheus: { auth: renamed } })).status).toBe(200);
    const afterRename = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Settings;
    expect(afterRename.prometheus.auth).toEqual({ type: 'basic', username: 'scraper', password: 'scrape-pass-0003' });
    // Saving a rule (the settings' rules list) leaves every secret as stored too.
    const rule = await call(server, 'saveRule', { name: 'Hot', metric: 'cpu.total', comparator: 'above', warning: 90 });
    expect(rule.status).toBe(200);
    const afterRule = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Settings;
    expect(afterRule.push.targets[0]!.auth).toEqual({ type: 'bearer', token: 'push-token-0001' });
    expect(afterRule.alerts.webhook?.token).toBe('hook-token-0002');
    const refused = await call(server, 'updateSettings', {
      alerts: { webhook: null },
      push: { targets: [{ ...targets[0], name: 'renamed' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.json().error?.message).toBe(
      'invalid settings patch: push.targets.0.auth.token: no stored secret to keep here: enter the value',
    );
    await server.close();
  });

  it('holds the export back while the browser does not read, and cancels it when the browser goes', async () => {
    const { engine, dataDir } = await realEngine({ seedDays: 1 });
    const { server } = await startTestServer({ engine, dataDir });
    const events = await openEvents(server);
    await events.until(/retry/);
    const ticket = (
      await call(server, 'export', { id: 'held', format: 'csv', from: T_END - 86_400_000, to: T_END, path: 'day.csv' })
    ).json().value as { downloadUrl: string };
    // A browser that takes the first bytes, then stops reading: a day of raw rows (tens of MB)
    // cannot all go out, so the export waits for it instead of filling memory or a file.
    const response = await new Promise<IncomingMessage>((resolve) =>
      httpGet({ host: '127.0.0.1', port: server.port, path: ticket.downloadUrl, headers: bearer(server) }, resolve),
    );
    expect(response.statusCode).toBe(200);
    const first = await new Promise<Buffer>((resolve) => response.once('data', resolve));
    expect(first.toString()).toMatch(/^ts,ts_ms,/);
    response.pause();
    await events.until(/event: exportProgress\ndata: \{"id":"held","rowsDone":[1-9]/);
    response.destroy();
    const done = await events.until(/event: exportDone\ndata: .*\n\n/);
    expect(JSON.parse(/event: exportDone\ndata: (.*)\n/.exec(done)![1]!)).toEqual({
      id: 'held',
      ok: false,
      cancelled: true,
      error: 'the export held was cancelled',
    });
    events.close();
  });

  it('streams an export to the browser as it is produced, and keeps nothing in the data folder', async () => {
    const { engine, dataDir } = await realEngine();
    const { server } = await startTestServer({ engine, dataDir });
    await engine.sampleNow();
    const reply = await call(server, 'export', { format: 'csv', from: 0, to: Date.now() + 1000, path: 'all.csv' });
    expect(reply.status).toBe(200);
    const ticket = reply.json().value as { id: string; downloadUrl: string };
    const events = await openEvents(server);
    await events.until(/retry/);
    const download = await request(server.port, ticket.downloadUrl, { headers: bearer(server) });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('filename="all.csv"');
    expect(download.body.split('\r\n')[0]).toMatch(/^ts,ts_ms,/);
    expect(download.body).toContain('42');
    const done = await events.until(/event: exportDone\ndata: .*\n\n/);
    expect(JSON.parse(/event: exportDone\ndata: (.*)\n/.exec(done)![1]!)).toMatchObject({
      id: ticket.id,
      ok: true,
      result: { rows: 1, path: 'all.csv' },
    });
    events.close();
    // Nothing of the export stays on the server.
    expect(readdirSync(dataDir).filter((name) => name === 'downloads' || name.includes('all.csv'))).toEqual([]);
  });

  it('answers a cheap request while a long stats is still running', async () => {
    let turns = 0;
    let started: () => void = () => {};
    const firstTurn = new Promise<void>((resolve) => (started = resolve));
    const { engine, dataDir } = await realEngine({
      seedDays: 1,
      seedEnd: DAY_END,
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
