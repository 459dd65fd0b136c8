// The VictoriaMetrics harness against the real Debian binary: old timestamps, dedup of re-sends,
// and a clean stop. Also one real sendBatch through it (gzip line protocol).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pushTargetSchema, type ClearPushTarget } from '../../../../shared/push-settings.js';
import { sendBatch } from '../send/send-batch.js';
import { describeWithBinary } from './system-dependency.js';
import { startVictoriaMetrics, type VictoriaMetrics } from './victoria-metrics.js';

/** A week before the server's now (its clock, not ours: see VictoriaMetrics.serverTime). */
let WEEK_AGO = 0;
const lines = (host: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `dl,host=${host} cpu=${i}.5,mem=${i} ${from + i * 1000}`).join('\n');

const isAlive = (pid: number | undefined): boolean => {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
};

describeWithBinary('victoria-metrics', 'VictoriaMetrics harness', (binary) => {
  let vm: VictoriaMetrics;
  beforeAll(async () => {
    vm = await startVictoriaMetrics({ binary });
    WEEK_AGO = (await vm.serverTime()) - 7 * 86_400_000;
  });
  afterAll(async () => {
    await vm?.stop();
  });

  const write = async (body: string) => {
    const response = await fetch(`${vm.writeUrl}?db=dashlight&precision=ms`, { method: 'POST', body });
    expect(response.status).toBe(204);
  };

  it('accepts points 7 days old with ms timestamps', async () => {
    await write(lines('a', WEEK_AGO, 3));
    expect(await vm.countSamples('dl_cpu', { host: 'a' })).toBe(3);
    expect(await vm.countSamples('dl_mem')).toBe(3);
    const [line] = await vm.exportLines('{__name__="dl_cpu",host="a"}');
    expect(JSON.parse(line ?? '{}')).toEqual({
      metric: { __name__: 'dl_cpu', host: 'a', db: 'dashlight' }, // VM turns ?db= into a label
      values: [0.5, 1.5, 2.5],
      timestamps: [WEEK_AGO, WEEK_AGO + 1000, WEEK_AGO + 2000],
    });
  });

  it('counts a re-sent identical point once (dedup), but keeps points 1 ms apart', async () => {
    await write(lines('b', WEEK_AGO, 5));
    await write(lines('b', WEEK_AGO, 5));
    await write(lines('b', WEEK_AGO + 2000, 5)); // overlaps 3 of the 5
    expect(await vm.countSamples('dl_cpu', { host: 'b' })).toBe(7);
    await write(`dl,host=c cpu=1 ${WEEK_AGO}\ndl,host=c cpu=1 ${WEEK_AGO + 1}`);
    expect(await vm.countSamples('dl_cpu', { host: 'c' })).toBe(2);
  });

  it('takes a gzipped batch from sendBatch', async () => {
    const target = pushTargetSchema.parse({ name: 'vm', kind: 'influx', url: vm.url }) as ClearPushTarget;
    const body = Buffer.from(lines('d', WEEK_AGO, 100));
    const outcome = await sendBatch(target, { id: 'vm-1', body, contentType: 'text/plain; charset=utf-8' });
    expect(outcome).toMatchObject({ kind: 'ok', status: 204 });
    expect(await vm.countSamples('dl_cpu', { host: 'd' })).toBe(100);
  });

  it('counts 0 for a metric that was never written', async () => {
    expect(await vm.countSamples('nothing_here')).toBe(0);
  });

  it('stops the process and removes its data', async () => {
    const other = await startVictoriaMetrics({ binary });
    expect(isAlive(other.pid)).toBe(true);
    await other.stop();
    await other.stop(); // idempotent
    expect(isAlive(other.pid)).toBe(false);
    expect(existsSync(other.dataDir)).toBe(false);
  });

  it('fails start-up with the process output when the binary refuses its flags', async () => {
    await expect(startVictoriaMetrics({ binary, extraArgs: ['-no.such.flag'] })).rejects.toThrow(
      /VictoriaMetrics exited .* before it was ready\. Output:\n.*no\.such\.flag/s,
    );
  });
});
