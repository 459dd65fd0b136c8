import { afterEach, describe, expect, it } from 'vitest';
import { pushTargetSchema, type ClearPushTarget, type PushTargetInput } from '../../../shared/push-settings.js';
import { silentLogger } from '../log/logger.js';
import type { MetricStore } from '../store/metric-store.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { dbIn, T0, useTempDir } from '../store/test-support.js';
import { OutboxStore } from './outbox-store.js';
import type { SendOutcome } from './send/send-batch.js';
import { TargetPusher } from './target-pusher.js';

interface Sent {
  id: string;
  body: Buffer;
}

/** A scripted server: each call takes the next outcome (the last one repeats). */
function scripted(outcomes: SendOutcome[]) {
  const sent: Sent[] = [];
  const send = async (_target: unknown, batch: { id: string; body: Buffer }) => {
    sent.push({ id: batch.id, body: batch.body });
    return outcomes.length > 1 ? outcomes.shift()! : outcomes[0]!;
  };
  return { sent, send: send as never };
}

const OK: SendOutcome = { kind: 'ok', status: 204, elapsedMs: 1 };

describe('TargetPusher', () => {
  const dir = useTempDir('dashlight-pusher-');
  const stores: MetricStore[] = [];
  const pushers: TargetPusher[] = [];
  afterEach(async () => {
    for (const p of pushers.splice(0)) await p.stop();
    for (const s of stores.splice(0)) s.close();
  });

  async function setup(samples: number, target: Partial<PushTargetInput> = {}, file = dbIn(dir)) {
    const store = await openEngineStore(file);
    stores.push(store);
    for (let i = 0; i < samples; i++)
      store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i % 100, 'net.rx[eth0]': i } });
    store.flush();
    const outbox = new OutboxStore(store.connection);
    const config = pushTargetSchema.parse({
      name: 'vm',
      kind: 'influx',
      url: 'http://127.0.0.1:9/write',
      batchSize: 100,
      ...target,
    });
    return { store, outbox, config };
  }

  function pusher(parts: Awaited<ReturnType<typeof setup>>, send: never, now = () => T0 + 1e6) {
    const p = new TargetPusher({
      target: parts.config,
      open: (stored) => stored as ClearPushTarget,
      store: parts.store,
      outbox: parts.outbox,
      meta: { host: 'test-host', osType: 'linux' },
      log: silentLogger(),
      send,
      now,
      random: () => 0.5,
    });
    pushers.push(p);
    return p;
  }

  it('drains a backlog in batches, oldest first, and advances the cursor only on success', async () => {
    const parts = await setup(250);
    const server = scripted([OK]);
    await pusher(parts, server.send).pushNow();
    expect(server.sent.map((s) => s.id)).toEqual([
      `vm.${T0}.${T0 + 99_000}`,
      `vm.${T0 + 100_000}.${T0 + 199_000}`,
      `vm.${T0 + 200_000}.${T0 + 249_000}`,
    ]);
    expect(parts.outbox.cursor('vm', () => 0)).toMatchObject({
      cursorTs: T0 + 249_000,
      sentTotal: 250,
      inflightTo: null,
    });
  });

  it('a failure keeps the cursor, records the error, and backs off no sooner than Retry-After', async () => {
    const parts = await setup(50);
    const server = scripted([
      { kind: 'retry', status: 429, retryAfterMs: 30_000, reason: 'HTTP 429 Too Many Requests' },
    ]);
    const p = pusher(parts, server.send, () => T0);
    await p.pushNow();
    expect(server.sent).toHaveLength(1);
    expect(parts.outbox.cursor('vm', () => 0)).toMatchObject({
      cursorTs: T0 - 1,
      sentTotal: 0,
      lastError: 'HTTP 429 Too Many Requests',
    });
    expect(p.nextAttemptAt! - T0).toBeGreaterThanOrEqual(30_000);
  });

  it('a re-send after a crash repeats the same batch, byte for byte, even when more samples arrived', async () => {
    const parts = await setup(60);
    const crashed = scripted([{ kind: 'retry', status: null, retryAfterMs: null, reason: 'ECONNRESET' }]);
    await pusher(parts, crashed.send).pushNow();
    // More samples are committed before the restart; the batch in flight must not grow.
    for (let i = 60; i < 90; i++) parts.store.append({ ts: T0 + i * 1000, values: { 'cpu.total': 1 } });
    parts.store.flush();
    const after = scripted([OK]);
    await pusher(parts, after.send).pushNow();
    expect(after.sent[0]!.id).toBe(crashed.sent[0]!.id);
    expect(after.sent[0]!.body.equals(crashed.sent[0]!.body)).toBe(true);
    expect(after.sent.map((s) => s.id)).toEqual([`vm.${T0}.${T0 + 59_000}`, `vm.${T0 + 60_000}.${T0 + 89_000}`]);
  });

  it('a 4xx batch becomes a dead letter, and later batches still flow', async () => {
    const parts = await setup(150);
    const server = scripted([
      { kind: 'dead', status: 400, reason: 'HTTP 400 Bad Request', bodyExcerpt: 'bad line 3' },
      OK,
    ]);
    await pusher(parts, server.send).pushNow();
    expect(server.sent).toHaveLength(2);
    expect(parts.outbox.cursor('vm', () => 0)).toMatchObject({ cursorTs: T0 + 149_000, sentTotal: 50, deadTotal: 100 });
    expect(parts.outbox.deadLetters('vm')).toMatchObject([
      { status: 400, samples: 100, bodyExcerpt: 'bad line 3', batchId: `vm.${T0}.${T0 + 99_000}` },
    ]);
  });

  it('a 413 splits the batch in halves until it fits', async () => {
    const parts = await setup(100);
    const server = scripted([
      { kind: 'split', status: 413, reason: 'HTTP 413' },
      { kind: 'split', status: 413, reason: 'HTTP 413' },
      OK,
    ]);
    await pusher(parts, server.send).pushNow();
    expect(server.sent.map((s) => s.id)).toEqual([
      `vm.${T0}.${T0 + 99_000}`,
      `vm.${T0}.${T0 + 49_000}`,
      `vm.${T0}.${T0 + 24_000}`,
      `vm.${T0 + 25_000}.${T0 + 49_000}`,
      `vm.${T0 + 50_000}.${T0 + 74_000}`,
      `vm.${T0 + 75_000}.${T0 + 99_000}`,
    ]);
    expect(parts.outbox.cursor('vm', () => 0)).toMatchObject({ sentTotal: 100, deadTotal: 0 });
  });

  it('a server that refuses gzip gets the same batch uncompressed', async () => {
    const parts = await setup(10);
    const gzipFlags: boolean[] = [];
    const send = (async (_t: unknown, _b: unknown, options: { gzip: boolean }) => {
      gzipFlags.push(options.gzip);
      return gzipFlags.length === 1 ? { kind: 'gzip-refused', status: 415, reason: 'HTTP 415' } : OK;
    }) as never;
    await pusher(parts, send).pushNow();
    expect(gzipFlags).toEqual([true, false]);
  });

  it('a paused target sends nothing until resumed', async () => {
    const parts = await setup(10);
    parts.outbox.cursor('vm', () => T0 - 1);
    parts.outbox.setPaused('vm', true);
    const server = scripted([OK]);
    await pusher(parts, server.send).pushNow();
    expect(server.sent).toEqual([]);
  });

  it('a new target starting "now" skips the stored backlog', async () => {
    const parts = await setup(10, { start: 'now' });
    const server = scripted([OK]);
    await pusher(parts, server.send).pushNow();
    expect(server.sent).toEqual([]);
    expect(parts.outbox.cursor('vm', () => 0).cursorTs).toBe(T0 + 9000);
  });
});
