// The server in front of a real Engine on a temporary SQLite database: only the hardware is fake.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../shared/export.js';
import type { StatusResult } from '../../shared/queries.js';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/settings.js';
import { fakeCollectors } from '../engine/test-support/fake-collectors.js';
import { Engine } from '../engine/engine.js';
import { silentLogger } from '../engine/log/logger.js';
import { resolveDataPaths } from '../engine/paths.js';
import { bearer, call, openEvents, request, startTestServer, tempDir } from './test-support.js';

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function realEngine(settings = DEFAULT_SETTINGS) {
  const dataDir = tempDir('dashlight-server-engine-');
  const paths = resolveDataPaths({ db: join(dataDir, 'dashlight.db') });
  const engine = await Engine.open({
    paths,
    settings,
    log: silentLogger(),
    collectors: fakeCollectors(),
  });
  engines.push(engine);
  return { engine, dataDir };
}

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
    });
    const { engine, dataDir } = await realEngine(settings);
    const { server } = await startTestServer({ engine, dataDir });
    const read = await call(server, 'getSettings');
    expect(read.body).not.toMatch(/push-token-0001|hook-token-0002|url-pass/);
    const shown = read.json().value as Settings;
    expect(shown.push.targets[0]).toMatchObject({
      url: 'https://***:***@vm.lan/write',
      auth: { type: 'bearer', token: { set: true, last4: '0001' } },
    });
    expect(shown.alerts.webhook?.token).toEqual({ set: true, last4: '0002' });
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
});
