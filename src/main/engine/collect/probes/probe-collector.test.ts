/**
 * Latency probes against servers on 127.0.0.1 that accept, refuse and stall. A stalling server is
 * a listener whose accept queue is full: it stopped accepting (its event loop is blocked), so the
 * kernel drops new handshakes and a connect hangs until the probe's timeout. Assertions are on
 * what the probe decided (connected, lost), never on how long anything took.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../schedule/clock.js';
import { ProbeCollector } from './probe-collector.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function accepting(): Promise<number> {
  const server = net.createServer((socket) => socket.destroy()).listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on: bound, then closed again. */
async function refusing(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A listener in a child that stops accepting, its queue (backlog 1) filled by two connections. */
async function stalling(): Promise<number> {
  const code = `const s = require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
    process.stdout.write(String(s.address().port)); // a pipe: written before the next line runs
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(chunk.toString());
  // Fill the queue: the kernel completes these handshakes for the blocked listener, then no more.
  let queued = 0;
  while (queued < 2) {
    const socket = net.connect({ host: '127.0.0.1', port });
    cleanups.push(() => socket.destroy());
    const connected = await Promise.race([
      once(socket, 'connect').then(() => true),
      new Promise((r) => setTimeout(r, 2000, false)),
    ]);
    if (connected) queued += 1;
    else break;
  }
  return port;
}

describe('ProbeCollector on loopback', () => {
  it('connects, is refused, and times out: connect time for the first, loss for the others', async () => {
    const targets = [
      { host: '127.0.0.1', port: await accepting(), name: 'up' },
      { host: '127.0.0.1', port: await refusing(), name: 'closed' },
      { host: '127.0.0.1', port: await stalling(), name: 'stalled' },
    ];
    const probes = new ProbeCollector({ clock: systemClock });
    probes.configure({ targets, interval: 60_000, timeout: 2000 });
    // The first tick starts the attempts and reports nothing yet.
    expect(await probes.collect(0)).toEqual({});
    await probes.close();
    const values = await probes.collect(1000);
    expect(Object.keys(values).sort()).toEqual([
      'probe.connect_seconds[up]',
      'probe.loss_pct[closed]',
      'probe.loss_pct[stalled]',
      'probe.loss_pct[up]',
    ]);
    expect(values['probe.loss_pct[up]']).toBe(0);
    expect(values['probe.connect_seconds[up]']).toBeGreaterThan(0);
    expect(values['probe.loss_pct[closed]']).toBe(100);
    expect(values['probe.loss_pct[stalled]']).toBe(100);
    // Not due again until the interval has passed: nothing new.
    expect(await probes.collect(2000)).toEqual({});
  });

  it('keeps a target’s schedule when the settings change around it, and starts a new one at once', async () => {
    const calls: string[] = [];
    const probes = new ProbeCollector({
      clock: systemClock,
      connect: async (host, port) => {
        calls.push(`${host}:${port}`);
        return { seconds: 0.001 };
      },
    });
    const a = { host: '10.0.0.1', port: 22, name: 'a' };
    probes.configure({ targets: [a], interval: 10_000, timeout: 1000 });
    await probes.collect(0);
    await probes.close();
    probes.configure({ targets: [a, { host: '10.0.0.2', port: 443, name: 'b' }], interval: 10_000, timeout: 1000 });
    // a's attempt (started at 0) is reported; it is not due again before 10 s; b starts now.
    expect(await probes.collect(5000)).toEqual({ 'probe.connect_seconds[a]': 0.001, 'probe.loss_pct[a]': 0 });
    await probes.close();
    expect(calls).toEqual(['10.0.0.1:22', '10.0.0.2:443']);
    expect(await probes.collect(6000)).toEqual({ 'probe.connect_seconds[b]': 0.001, 'probe.loss_pct[b]': 0 });
  });
});
