// `dashlight run` with MQTT on, spawned as a user runs it, against a real mosquitto: its
// availability goes `online`, and a kill -9 flips it to `offline` through the last will, as a
// crash or a pulled plug would. A wrong password prints one clear line and the engine samples on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto, type Watch } from '../engine/mqtt/test-support/mosquitto.js';
import { describeWithBinary } from '../engine/push/test-support/system-dependency.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'dashlight.js');
const DASHLIGHT = { user: 'dashlight', password: 'broker-pass-1234' };

describeWithBinary('mosquitto', 'dashlight run with MQTT (spawned), against mosquitto', () => {
  let broker: Mosquitto;
  const children: ChildProcess[] = [];
  const watches: Watch[] = [];

  beforeAll(async () => {
    broker = await startMosquitto({ users: { [DASHLIGHT.user]: DASHLIGHT.password } });
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
    for (const watch of watches.splice(0)) await watch.stop();
  });
  afterAll(async () => broker?.stop());

  async function run(mqtt: Record<string, unknown>) {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-mqtt-run-'));
    const config = join(dir, 'settings.json');
    const db = join(dir, 'dashlight.db');
    await writeFile(config, JSON.stringify({ mqtt: { enabled: true, url: broker.url, interval: '1s', ...mqtt } }));
    const child = spawn(process.execPath, [BIN, 'run', '--db', db, '--config', config, '--interval', '1s'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return { child, db, stderr: () => stderr };
  }

  it('says online while running, and the broker says offline for it (the will) after kill -9', async () => {
    const seen = await broker.watch(['dashlight/runnode/#'], DASHLIGHT);
    watches.push(seen);
    const { child, stderr } = await run({ ...credentials(), nodeId: 'runnode' });
    await seen.until((m) => m.topic === 'dashlight/runnode/availability' && m.payload === 'online', 60_000);
    await seen.until((m) => m.topic === 'dashlight/runnode/state');
    expect(stderr()).toContain(
      `mqtt: publishing to ${broker.url} every 1s as runnode (dashlight/runnode/state), with Home Assistant discovery`,
    );
    child.kill('SIGKILL');
    await seen.until((m) => m.topic === 'dashlight/runnode/availability' && m.payload === 'offline');
    const later = await broker.watch(['dashlight/runnode/availability'], DASHLIGHT);
    watches.push(later);
    expect(await later.until((m) => m.topic === 'dashlight/runnode/availability')).toEqual({
      retained: true,
      topic: 'dashlight/runnode/availability',
      payload: 'offline',
    });
  });

  it('a wrong password: one clear line on the terminal, no crash, sampling goes on', async () => {
    const { child, db, stderr } = await run({
      username: DASHLIGHT.user,
      password: 'wrong-password',
      nodeId: 'badpass',
    });
    const line = `dashlight: mqtt: ${broker.url} refused the user name or password (not authorized): check mqtt.username and mqtt.password; trying again with growing waits (see dashlight doctor)`;
    await expect.poll(stderr, { timeout: 60_000 }).toContain(line);
    // Let it retry (the first waits are 1 s and 2 s), then stop it as a service manager would.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stderr().split(line).length - 1).toBe(1);
    expect(stderr()).toContain('dashlight: stopped cleanly');
    const list = JSON.parse(
      spawnSync(process.execPath, [BIN, 'list', '--db', db, '--json'], { encoding: 'utf8' }).stdout,
    );
    expect(list.pagination.total).toBeGreaterThanOrEqual(2);
  });
});

function credentials() {
  return { username: DASHLIGHT.user, password: DASHLIGHT.password };
}
