import { afterEach, describe, expect, it } from 'vitest';
import { narrowSample } from '../../../shared/live-subscription.js';
import { fakeClient } from '../../test-support/fake-client.js';
import { LIVE_MEASURE, LiveState } from './live.svelte.js';

const status = { state: 'running', intervalMs: 1000, hostname: 'box' } as never;

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  setVisibility('visible');
  performance.clearMeasures(LIVE_MEASURE);
});

describe('LiveState', () => {
  it('backfills the last hour, then appends live samples, measuring each tick', async () => {
    const client = fakeClient();
    const now = Date.now();
    client.respond('status', status);
    client.respond('latest', { ts: now - 1000, values: { 'cpu.total': 30, 'temp.cpu': 50, 'net.rx_total': 9 } });
    client.respond('history', {
      from: 0,
      to: now,
      tier: 'raw',
      bucketMs: 1000,
      aggregated: false,
      series: { 'cpu.total': { t: [now - 3000, now - 2000], avg: [10, 20] } },
    });
    const live = new LiveState(client);
    const seen: number[] = [];
    let resyncs = 0;
    live.subscribe({ sample: (s) => seen.push(s.ts), resync: () => (resyncs += 1) });
    live.start();
    // The sample events carry what the live views draw, not every series of the machine.
    expect(client.subscriptions).toEqual([
      {
        series: [
          'cpu.total',
          'mem.percent',
          'swap.percent',
          'net.rx',
          'net.tx',
          'disk.read',
          'disk.write',
          'cpu.core',
          'load.1',
          'mem.used',
          'mem.total',
          'disk.used_pct',
          'temp.cpu',
          'battery.percent',
          'battery.charging',
          'battery.time_left',
          'sensor.temp_celsius',
          'sensor.fan_rpm',
          'power.cpu_package_watts',
          'power.gpu_watts',
          'cpu.freq_hz',
          'battery.health_pct',
          'battery.cycle_count',
          'battery.power_watts',
        ],
      },
    ]);
    // The sensors card keeps up from live samples: a sample narrowed to this subscription still
    // carries every sensor (a temperature by chip, a core's clock), and not what nothing draws.
    const narrowed = narrowSample(
      {
        ts: now,
        values: { 'sensor.temp_celsius[coretemp/Package id 0]': 52, 'cpu.freq_hz[0]': 2.4e9, 'net.rx_total[eth0]': 9 },
      },
      client.subscriptions[0]!,
    );
    expect(narrowed.values).toEqual({ 'sensor.temp_celsius[coretemp/Package id 0]': 52, 'cpu.freq_hz[0]': 2.4e9 });
    await expect.poll(() => resyncs).toBe(1);
    // Only series the live charts and cards draw are asked for, over the last hour; slow ones by
    // name, since the latest sample seldom carries them.
    const query = client.history.mock.calls[0]![0] as { series: string[]; from: number; to: number };
    expect(query.series).toContain('cpu.total');
    expect(query.series).toContain('disk.used_pct');
    expect(query.series).not.toContain('net.rx_total');
    expect(query.to - query.from).toBe(3_600_000);
    expect(live.buffer.all().map((s) => s.ts)).toEqual([now - 3000, now - 2000, now - 1000]);

    client.emit('sample', { ts: now, values: { 'cpu.total': 40 } });
    expect(seen).toEqual([now]);
    expect(live.latest?.ts).toBe(now);
    // temp.cpu is a slow metric: absent from this sample, still known.
    expect(live.valueOf('temp.cpu')).toBe(50);
    expect(performance.getEntriesByName(LIVE_MEASURE)).toHaveLength(1);
    live.stop();
  });

  it('buffers but does not draw while the page is hidden, and resyncs when shown', async () => {
    const client = fakeClient();
    client.respond('status', status);
    client.respond('latest', null);
    const live = new LiveState(client);
    const seen: number[] = [];
    let resyncs = 0;
    live.subscribe({ sample: (s) => seen.push(s.ts), resync: () => (resyncs += 1) });
    live.start();
    setVisibility('hidden');
    client.emit('sample', { ts: 1, values: { 'cpu.total': 1 } });
    expect(seen).toEqual([]);
    expect(live.buffer.length).toBe(1);
    expect(performance.getEntriesByName(LIVE_MEASURE)).toHaveLength(0);
    setVisibility('visible');
    expect(resyncs).toBe(1);
    live.stop();
  });

  it('backfills again after a reconnect, and reports a failed load', async () => {
    const client = fakeClient();
    client.fail('status', { name: 'ConnectionError', message: 'cannot reach the Dashlight server (status)' });
    client.respond('latest', null);
    const live = new LiveState(client);
    live.start();
    await expect.poll(() => live.error).toBe('cannot reach the Dashlight server (status)');
    client.respond('status', status);
    client.setConnection('open', true);
    await expect.poll(() => live.error).toBeNull();
    expect(live.status).toEqual(status);
    live.stop();
  });

  it('says the connection is lost only after it was open once', () => {
    const client = fakeClient();
    client.respond('status', status);
    client.respond('latest', null);
    client.setConnection('connecting');
    const live = new LiveState(client);
    live.start();
    expect(live.lost).toBe(false);
    client.setConnection('open');
    expect(live.lost).toBe(false);
    client.setConnection('connecting');
    expect(live.lost).toBe(true);
    client.setConnection('open', true);
    expect(live.lost).toBe(false);
    live.stop();
  });
});
