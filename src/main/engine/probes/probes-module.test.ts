/**
 * Probes inside a real engine: a target in the settings becomes series in the samples, stored
 * like any other, and a threshold rule on its loss fires when the port refuses.
 */
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../shared/alerts.js';
import type { Sample } from '../../../shared/sample.js';
import { parseSettings } from '../../../shared/settings.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../log/logger.js';
import { resolveDataPaths } from '../paths.js';
import { fakeCollectors } from '../test-support/fake-collectors.js';

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Samples until one carries `key` (the attempt runs beside sampling); gives up after 20 s. */
async function sampleWith(engine: Engine, key: string): Promise<Sample> {
  for (let i = 0; i < 200; i++) {
    const sample = await engine.sampleNow();
    if (sample.values[key] !== undefined) return sample;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no sample carried ${key}`);
}

describe('the probes module', () => {
  it('records a refused port as loss, and a rule on it fires', async () => {
    const port = await closedPort();
    const settings = parseSettings({
      probes: { targets: [{ host: '127.0.0.1', port, name: 'db' }], interval: '1s' },
      alerts: { rules: [{ name: 'DB unreachable', metric: 'probe.loss_pct[db]', comparator: 'above', critical: 50 }] },
    });
    const engine = await Engine.open({
      paths: resolveDataPaths({ db: join(await mkdtemp(join(tmpdir(), 'dashlight-probes-')), 'dashlight.db') }),
      settings,
      log: silentLogger(),
      collectors: fakeCollectors(),
    });
    engines.push(engine);
    const alerts: AlertEvent[] = [];
    engine.on('alert', (a) => alerts.push(a));
    const sample = await sampleWith(engine, 'probe.loss_pct[db]');
    expect(sample.values['probe.loss_pct[db]']).toBe(100);
    expect(sample.values['probe.connect_seconds[db]']).toBeUndefined();
    await engine.alertsIdle();
    expect(alerts.map((a) => [a.kind, a.series])).toEqual([['firing', 'probe.loss_pct[db]']]);
    const history = await engine.history({ series: ['probe.loss_pct[db]'], from: 0, to: sample.ts + 1, maxPoints: 10 });
    expect(history.series['probe.loss_pct[db]']?.avg.filter((v) => v !== null)).toContain(100);
  });

  it('has no probe series by default', async () => {
    const engine = await Engine.open({
      paths: resolveDataPaths({ db: join(await mkdtemp(join(tmpdir(), 'dashlight-probes-')), 'dashlight.db') }),
      settings: parseSettings({}),
      log: silentLogger(),
      collectors: fakeCollectors(),
    });
    engines.push(engine);
    const sample = await engine.sampleNow();
    expect(Object.keys(sample.values).filter((key) => key.startsWith('probe.'))).toEqual([]);
  });
});
