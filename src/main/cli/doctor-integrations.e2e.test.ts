// `dashlight doctor` looks at the integrations from outside, as Prometheus and Home Assistant would:
// it scrapes the configured /metrics of a running `dashlight run --metrics`, and connects once to a
// real mosquitto with the MQTT settings.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../engine/push/test-support/free-port.js';
import { startMosquitto, type Mosquitto } from '../engine/mqtt/test-support/mosquitto.js';
import { describeWithBinary } from '../engine/push/test-support/system-dependency.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'dashlight.js');
const TOKEN = 'doctor-token-0123456789';

interface Finding {
  check: string;
  status: string;
  detail: string;
}

async function folder(settings: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'dashlight-doctor-int-'));
  const config = join(dir, 'settings.json');
  await writeFile(config, JSON.stringify(settings));
  return { db: join(dir, 'dashlight.db'), config };
}

function doctor(db: string, config: string): Finding[] {
  const result = spawnSync(process.execPath, [BIN, 'doctor', '--db', db, '--config', config, '--json'], {
    encoding: 'utf8',
  });
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

const named = (findings: Finding[], check: string) => findings.find((f) => f.check === check);

describeWithBinary('mosquitto', 'dashlight doctor on the integrations', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto({ users: { dashlight: 'broker-pass-1234' } });
  });
  afterAll(async () => broker?.stop());

  it('says whether the broker takes the MQTT settings, and what to fix when not', async () => {
    const mqtt = { enabled: true, url: broker.url, username: 'dashlight', nodeId: 'doc' };
    const good = await folder({ mqtt: { ...mqtt, password: 'broker-pass-1234' } });
    expect(named(doctor(good.db, good.config), 'mqtt')).toEqual({
      check: 'mqtt',
      status: 'ok',
      detail: `${broker.url} accepted user "dashlight"; 0 Home Assistant entities announced; state on dashlight/doc/state`,
    });
    const bad = await folder({ mqtt: { ...mqtt, password: 'wrong-password' } });
    expect(named(doctor(bad.db, bad.config), 'mqtt')).toEqual({
      check: 'mqtt',
      status: 'fail',
      detail: `${broker.url} refused the user name or password (not authorized): check mqtt.username and mqtt.password`,
    });
  });

  it('scrapes a running engine with the configured token, and says when nothing answers', async () => {
    const port = await freePort();
    const prometheus = { enabled: true, port, auth: { type: 'bearer', token: TOKEN } };
    const { db, config } = await folder({ prometheus });
    expect(named(doctor(db, config), 'prometheus')).toEqual({
      check: 'prometheus',
      status: 'warn',
      detail: `on, but nothing answers at http://127.0.0.1:${port}/metrics: Dashlight is not running there (dashlight run, or the tray app)`,
    });
    const run = spawn(process.execPath, [BIN, 'run', '--db', db, '--config', config, '--interval', '1s'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await expect
        .poll(() => stderr, { timeout: 60_000 })
        .toContain(`metrics: http://127.0.0.1:${port}/metrics (bearer auth)`);
      const finding = named(doctor(db, config), 'prometheus');
      expect(finding?.status).toBe('ok');
      expect(finding?.detail).toMatch(
        new RegExp(`^http://127\\.0\\.0\\.1:${port}/metrics: served by a running Dashlight, \\d+ metric families$`),
      );
    } finally {
      run.kill('SIGTERM');
      await new Promise((resolve) => run.once('exit', resolve));
    }
  });
});
