// The whole alert path on the real machine: the built CLI samples at 1 s, a CPU load trips a rule,
// the real process list names the culprit, and a real HTTP listener receives the webhook. The CPU
// reading comes from a /proc/stat the test writes (DASHLIGHT_PROCFS): the machine may be busy with
// anything else, so what is asserted is what the program decided, never how fast the machine was.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookBody } from '../engine/alerts/notify/webhook-body.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'dashlight.js');
const children: ChildProcess[] = [];
const servers: Server[] = [];
const fakeProcs: { close(): void }[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const server of servers.splice(0)) server.close();
  for (const proc of fakeProcs.splice(0)) proc.close();
});

/** A webhook receiver on 127.0.0.1 that records every body. */
async function listener() {
  const bodies: WebhookBody[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as WebhookBody);
      res.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

async function runEngine(dir: string, settings: unknown, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const config = join(dir, 'settings.json');
  await writeFile(config, JSON.stringify(settings));
  const child = spawn(process.execPath, [BIN, 'run', '--db', join(dir, 'dashlight.db'), '--config', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await until(
    () => /sampling every/.test(stderr),
    20_000,
    () => `engine did not start: ${stderr}`,
  );
  return child;
}

/** Both cores busy for `ms`, from one child process (two threads spinning). */
function loadBothCores(ms: number): ChildProcess {
  const script = `const { Worker } = require('node:worker_threads');
    for (let i = 0; i < 2; i++) new Worker('for (;;) {}', { eval: true });
    setTimeout(() => process.exit(0), ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/**
 * A procfs holding only `stat`, whose CPU counters advance 100 jiffies a second (one core at
 * USER_HZ 100) with the share of busy time the test sets: the engine's `cpu.total` is exactly
 * that share, however loaded this machine is. Written in place at a fixed width, because the
 * engine keeps the file open and re-reads it.
 */
function fakeProcStat(dir: string) {
  const root = join(dir, 'proc');
  mkdirSync(root);
  const fd = openSync(join(root, 'stat'), 'w');
  let busyShare = 0.05;
  let busy = 0;
  let idle = 0;
  const write = () => {
    busy += Math.round(10 * busyShare);
    idle += 10 - Math.round(10 * busyShare);
    const pad = (n: number) => String(n).padStart(12, '0');
    writeSync(fd, `cpu  ${pad(busy)} 0 0 ${pad(idle)} 0 0 0 0 0 0\n`, 0);
  };
  write();
  const timer = setInterval(write, 100);
  const fake = {
    root,
    busy: (share: number) => (busyShare = share),
    close: () => (clearInterval(timer), closeSync(fd)),
  };
  fakeProcs.push(fake);
  return fake;
}

async function until(check: () => boolean, timeoutMs: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('alerts end to end (spawned engine, real load, real webhook)', () => {
  it('CPU above 50 % for 5 s fires naming the busy process, then resolves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-alerts-e2e-'));
    const hook = await listener();
    const cpu = fakeProcStat(dir);
    const rule = {
      id: 'cpu-load',
      name: 'CPU load',
      metric: 'cpu.total',
      comparator: 'above',
      critical: 50,
      for: '5s',
    };
    const engine = await runEngine(
      dir,
      { sampling: { interval: '1s' }, alerts: { rules: [rule], webhook: { url: hook.url } } },
      { DASHLIGHT_PROCFS: cpu.root },
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a few calm samples first
    // The real process list must name the child that really spins; the reading says 90 % busy.
    const load = loadBothCores(15_000);
    const loadStarted = Date.now();
    cpu.busy(0.9);
    const calm = setTimeout(() => cpu.busy(0.05), 15_000);
    fakeProcs.push({ close: () => clearTimeout(calm) });
    const kinds = () => hook.bodies.map((b) => b.kind);
    await until(
      () => kinds().includes('firing'),
      40_000,
      () => `no firing: ${JSON.stringify(kinds())}`,
    );
    const firing = hook.bodies.find((b) => b.kind === 'firing')!;
    expect(firing).toMatchObject({
      version: 1,
      test: false,
      rule: { id: 'cpu-load' },
      series: 'cpu.total',
      severity: 'critical',
      threshold: 50,
    });
    // It held for `for` before firing, all of it after the load began.
    expect(firing.heldSeconds).toBeGreaterThanOrEqual(5);
    expect(Date.parse(firing.since!)).toBeGreaterThanOrEqual(loadStarted - 1500);
    expect(firing.value).toBeCloseTo(90, 6);
    // Whatever share of the cores it got on this machine, the spinning child is among the top.
    expect(firing.topProcesses!.byCpu.map((p) => p.pid)).toContain(load.pid);
    expect(firing.text).toMatch(
      /^CPU load is critical: cpu\.total at \d+\.\d % \(above 50\.0 %\) for \d+s\. Top process: /,
    );

    await until(
      () => kinds().includes('resolved'),
      40_000,
      () => `no resolved: ${JSON.stringify(kinds())}`,
    );
    expect(kinds()).toEqual(['firing', 'resolved']);
    const resolved = hook.bodies[1]!;
    expect(Date.parse(resolved.at)).toBeGreaterThanOrEqual(loadStarted + 14_000);
    engine.kill('SIGTERM');
    await once(engine, 'exit');
  });

  it('kill -9 while firing: after the restart, no second "firing" within the repeat interval', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-alerts-kill-'));
    const hook = await listener();
    // Memory is always above 1 %: the rule fires on the first sample and stays firing.
    const rule = {
      id: 'mem',
      name: 'Memory in use',
      metric: 'mem.percent',
      comparator: 'above',
      critical: 1,
      repeat: '1h',
    };
    const settings = { sampling: { interval: '1s' }, alerts: { rules: [rule], webhook: { url: hook.url } } };
    const first = await runEngine(dir, settings);
    await until(
      () => hook.bodies.some((b) => b.kind === 'firing'),
      20_000,
      () => 'no firing before the kill',
    );
    first.kill('SIGKILL');
    await once(first, 'exit');

    const second = await runEngine(dir, settings);
    // Several samples of the still-firing condition after the restart.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    second.kill('SIGTERM');
    await once(second, 'exit');
    expect(hook.bodies.map((b) => b.kind)).toEqual(['firing']);
    const history = await new Promise<string>((resolve) => {
      const cli = spawn(process.execPath, [BIN, 'alerts', 'history', '--db', join(dir, 'dashlight.db'), '--json'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
      cli.on('exit', () => resolve(out));
    });
    const parsed = JSON.parse(history) as { data: { state: string; events: { kind: string }[] }[] };
    // One instance, still firing, with one firing event: the restart continued it.
    expect(parsed.data.map((i) => [i.state, i.events.map((e) => e.kind)])).toEqual([['firing', ['firing']]]);
  });
});
