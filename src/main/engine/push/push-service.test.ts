import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/contract.js';
import { pushSettingsSchema } from '../../../shared/push-settings.js';
import { silentLogger } from '../log/logger.js';
import { TestClock } from '../test-support/test-clock.js';
import type { MetricStore } from '../store/metric-store.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { dbIn, T0, useTempDir } from '../store/test-support.js';
import { PushService } from './push-service.js';
import type { SendOutcome } from './send/send-batch.js';

const DAY = 86_400_000;

describe('PushService', () => {
  const dir = useTempDir('dashlight-push-service-');
  const open: { store: MetricStore; push: PushService }[] = [];
  afterEach(async () => {
    for (const { store, push } of open.splice(0)) {
      await push.stop();
      store.close();
    }
  });

  async function setup(
    outcome: SendOutcome,
    targets: unknown[] = [{ name: 'vm', kind: 'influx', url: 'http://127.0.0.1:9/write' }],
  ) {
    const store = await openEngineStore(dbIn(dir));
    const sent: string[] = [];
    const send = (async (_t: unknown, batch: { id: string }) => {
      sent.push(batch.id);
      return outcome;
    }) as never;
    const push = new PushService({
      store,
      settings: pushSettingsSchema.parse({ targets }),
      log: silentLogger(),
      clock: new TestClock(T0),
      host: 'h',
      send,
      random: () => 0.5,
    });
    open.push({ store, push });
    return { store, push, sent };
  }

  it('counts exactly the samples a target loses when its backlog outlives raw retention', async () => {
    const { store, push } = await setup({ kind: 'retry', status: 503, retryAfterMs: null, reason: 'HTTP 503' });
    for (let i = 0; i < 600; i++) store.append({ ts: T0 + i * 1000, values: { 'cpu.total': 1 } });
    store.flush();
    await push.pushNow('vm'); // fails: the cursor stays before the first sample
    expect(push.status().targets[0]).toMatchObject({
      pending: 600,
      sentTotal: 0,
      droppedTotal: 0,
      lastError: 'HTTP 503',
    });
    // Ten days later, raw retention (7 days) deletes every one of them.
    store.applyRetention({ rawDays: 7, minuteDays: 90, hourDays: 1825, maxSizeMb: null }, T0 + 10 * DAY);
    const status = push.status().targets[0]!;
    expect(status).toMatchObject({ pending: 0, droppedTotal: 600 });
    expect(status.cursorTs).toBeGreaterThanOrEqual(T0 + 599_000);
  });

  it('reports every target, delivers with pushNow, and names unknown targets clearly', async () => {
    const { store, push, sent } = await setup({ kind: 'ok', status: 204, elapsedMs: 1 }, [
      { name: 'vm', kind: 'influx', url: 'http://user:secret@127.0.0.1:9/write' },
      { name: 'off', kind: 'otlp', url: 'http://127.0.0.1:9', enabled: false },
    ]);
    for (let i = 0; i < 10; i++) store.append({ ts: T0 + i * 1000, values: { 'cpu.total': 1 } });
    const status = await push.pushNow();
    expect(sent).toEqual([`vm.${T0}.${T0 + 9000}`]);
    expect(status.targets.map((t) => [t.name, t.enabled, t.pending, t.sentTotal])).toEqual([
      ['vm', true, 0, 10],
      ['off', false, 10, 0],
    ]);
    expect(status.targets[0]!.url).not.toContain('secret');
    await expect(push.pushNow('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(push.pushNow('off')).rejects.toThrow(/disabled/);
  });

  it('pause and resume are kept in the database', async () => {
    const { store, push, sent } = await setup({ kind: 'ok', status: 204, elapsedMs: 1 });
    store.append({ ts: T0, values: { 'cpu.total': 1 } });
    store.flush();
    expect(push.setPaused('vm', true).targets[0]!.paused).toBe(true);
    await push.pushNow('vm');
    expect(sent).toEqual([]);
    push.setPaused('vm', false);
    await push.pushNow('vm');
    expect(sent).toEqual([`vm.${T0}.${T0}`]);
  });
});
