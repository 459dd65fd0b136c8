// The MQTT module against a real mosquitto (Debian, started here on 127.0.0.1 with a password
// file): discovery configs checked field by field against Home Assistant's documented schema,
// state messages at the cadence (samples stamped by the test's own clock), removal of entities no
// longer chosen, Home Assistant's birth message, a broker restart, TLS and a wrong password.
// Messages are read with Debian's mosquitto_sub, which shares no code with Dashlight.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Sample } from '../../../shared/sample.js';
import { silentLogger } from '../log/logger.js';
import { describeWithBinary } from '../push/test-support/system-dependency.js';
import type { MetricStore } from '../store/metric-store.js';
import { useTempDir } from '../store/test-support.js';
import { moduleServices } from '../test-support/module-services.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { TestClock } from '../test-support/test-clock.js';
import { MqttModule } from './mqtt-module.js';
import { discoveryProblems } from './test-support/ha-discovery-schema.js';
import { startMosquitto, type Message, type Mosquitto, type Watch } from './test-support/mosquitto.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const DASHLIGHT = { user: 'dashlight', password: 'broker-pass-1234' };
const OBSERVER = { user: 'observer', password: 'observer-pass-1234' };

describeWithBinary('mosquitto', 'MQTT with Home Assistant discovery, against mosquitto', () => {
  const dir = useTempDir('dashlight-mqtt-e2e-');
  let broker: Mosquitto;
  const open: { module: MqttModule; store: MetricStore }[] = [];
  const watches: Watch[] = [];
  let nodes = 0;

  beforeAll(async () => {
    broker = await startMosquitto({
      users: { [DASHLIGHT.user]: DASHLIGHT.password, [OBSERVER.user]: OBSERVER.password },
    });
  });
  afterEach(async () => {
    for (const { module, store } of open.splice(0)) {
      await module.stop();
      store.close();
    }
    for (const watch of watches.splice(0)) await watch.stop();
  });
  afterAll(async () => broker?.stop());

  const watch = async (topics: string[]) => {
    const w = await broker.watch(topics, OBSERVER);
    watches.push(w);
    return w;
  };

  /** A connected module with its own node id, so tests never see each other's messages. */
  async function connected(mqtt: Record<string, unknown> = {}, clock = new TestClock(T0)) {
    const node = `node${++nodes}`;
    const store = await openEngineStore(join(dir(), `${node}.db`));
    const ctx = moduleServices(
      {
        sampling: { interval: '1s' },
        mqtt: {
          enabled: true,
          url: broker.url,
          username: DASHLIGHT.user,
          password: DASHLIGHT.password,
          nodeId: node,
          interval: '2s',
          ...mqtt,
        },
      },
      { store, clock, host: 'Desk PC' },
    );
    const module = new MqttModule(ctx.services);
    ctx.settings.applyTo(module);
    open.push({ module, store });
    await module.start();
    await expect.poll(async () => (await module.handlers.mqttStatus()).state).toBe('connected');
    /** Publishes a sample stamped `ts`, with the clock there, as the sampler would. */
    const sample = (ts: number, values: Sample['values']) => {
      clock.advance(ts - clock.wall());
      ctx.samples.publish({ ts, values });
    };
    return { ...ctx, node, module, store, sample };
  }

  it('announces one device with one entity per chosen series, each config as Home Assistant documents it', async () => {
    const seen = await watch(['homeassistant/#', 'dashlight/#']);
    const { node, sample } = await connected({
      series: ['cpu.total', 'fs.used_pct', 'net.rx_total[eth0]', 'battery.charging', 'temp.cpu', 'mem.used'],
    });
    sample(T0, {
      'cpu.total': 12.5,
      'fs.used_pct[/]': 40,
      'fs.used_pct[/home]': 71.5,
      'net.rx_total[eth0]': 123_456,
      'battery.charging': 1,
      'temp.cpu': 54.5,
      'mem.used': 1_073_741_824,
      'swap.percent': 3,
    });
    const objects = ['cpu_total', 'fs_used_pct_root', 'fs_used_pct_home', 'net_rx_total_eth0', 'temp_cpu', 'mem_used'];
    const topicOf = (object: string) =>
      object === 'battery_charging'
        ? `homeassistant/binary_sensor/${node}/battery_charging/config`
        : `homeassistant/sensor/${node}/${object}/config`;
    const configs: Record<string, Record<string, unknown>> = {};
    for (const object of [...objects, 'battery_charging']) {
      const message = await seen.until((m) => m.topic === topicOf(object));
      configs[object] = JSON.parse(message.payload) as Record<string, unknown>;
      expect(discoveryProblems(message.topic, configs[object]!), object).toEqual([]);
    }
    expect(
      seen.messages
        .filter((m) => m.topic.startsWith('homeassistant/'))
        .map((m) => m.topic)
        .sort(),
    ).toEqual([...objects, 'battery_charging'].map(topicOf).sort());
    const device = {
      identifiers: [`dashlight_${node}`],
      name: 'Desk PC',
      manufacturer: 'Dashlight',
      model: expect.any(String),
      sw_version: expect.any(String),
    };
    const shared = {
      state_topic: `dashlight/${node}/state`,
      availability_topic: `dashlight/${node}/availability`,
      payload_available: 'online',
      payload_not_available: 'offline',
      expire_after: 30,
      qos: 1,
      device,
      origin: { name: 'Dashlight', sw_version: expect.any(String) },
    };
    expect(configs.cpu_total).toEqual({
      ...shared,
      name: 'CPU busy',
      unique_id: `dashlight_${node}_cpu_total`,
      value_template: '{{ value_json.cpu_total }}',
      state_class: 'measurement',
      unit_of_measurement: '%',
      suggested_display_precision: 1,
      icon: 'mdi:cpu-64-bit',
    });
    expect(configs.battery_charging).toEqual({
      ...shared,
      name: 'Battery charging',
      unique_id: `dashlight_${node}_battery_charging`,
      value_template:
        '{% if value_json.battery_charging is none %}None{% elif value_json.battery_charging %}ON{% else %}OFF{% endif %}',
      device_class: 'battery_charging',
      payload_on: 'ON',
      payload_off: 'OFF',
    });
    const facts = (object: string) => {
      const c = configs[object]!;
      return [c.name, c.device_class, c.unit_of_measurement, c.state_class];
    };
    expect(facts('fs_used_pct_root')).toEqual(['Filesystem used /', undefined, '%', 'measurement']);
    expect(facts('fs_used_pct_home')).toEqual(['Filesystem used /home', undefined, '%', 'measurement']);
    expect(facts('net_rx_total_eth0')).toEqual(['Received since boot eth0', 'data_size', 'B', 'total_increasing']);
    expect(facts('temp_cpu')).toEqual(['CPU temperature', 'temperature', '°C', 'measurement']);
    expect(facts('mem_used')).toEqual(['Memory used', 'data_size', 'B', 'measurement']);
    const ids = Object.values(configs).map((c) => c.unique_id);
    expect(new Set(ids).size).toBe(ids.length);

    // Retained: a subscriber that comes later gets every config and the availability at once.
    const later = await watch([`homeassistant/+/${node}/#`, `dashlight/${node}/availability`]);
    await later.until((m) => m.topic === topicOf('mem_used'));
    expect(later.messages.filter((m) => m.topic !== 'watch/ready').every((m) => m.retained)).toBe(true);
    expect(later.messages.find((m) => m.topic === `dashlight/${node}/availability`)?.payload).toBe('online');
  });

  it('publishes one state message per cadence slot, with the newest values, null once stale', async () => {
    const seen = await watch(['dashlight/+/state']);
    const { node, sample } = await connected({ series: ['cpu.total', 'temp.cpu'], interval: '2s' });
    // Ten samples a second apart, then one 200 s later (temp.cpu, a slow series, only in the first).
    sample(T0, { 'cpu.total': 0, 'temp.cpu': 50 });
    for (let k = 1; k < 10; k++) sample(T0 + k * 1000, { 'cpu.total': k * 10 });
    sample(T0 + 200_000, { 'cpu.total': 99 });
    await seen.until((m) => m.topic === `dashlight/${node}/state` && m.payload.includes('"cpu_total":99'));
    const states = seen.messages.filter((m) => m.topic === `dashlight/${node}/state`).map((m) => JSON.parse(m.payload));
    expect(states).toEqual([
      { time: '2026-01-01T12:00:00.000Z', cpu_total: 0, temp_cpu: 50 },
      { time: '2026-01-01T12:00:02.000Z', cpu_total: 20, temp_cpu: 50 },
      { time: '2026-01-01T12:00:04.000Z', cpu_total: 40, temp_cpu: 50 },
      { time: '2026-01-01T12:00:06.000Z', cpu_total: 60, temp_cpu: 50 },
      { time: '2026-01-01T12:00:08.000Z', cpu_total: 80, temp_cpu: 50 },
      { time: '2026-01-01T12:03:20.000Z', cpu_total: 99, temp_cpu: null },
    ]);
  });

  it('removes from Home Assistant what is no longer chosen, and everything with discovery off', async () => {
    const seen = await watch(['homeassistant/#', 'dashlight/+/availability']);
    const { node, sample, settings, module } = await connected({ series: ['cpu.total', 'fs.used_pct'] });
    sample(T0, { 'cpu.total': 1, 'fs.used_pct[/]': 40 });
    const fs = `homeassistant/sensor/${node}/fs_used_pct_root/config`;
    const cpu = `homeassistant/sensor/${node}/cpu_total/config`;
    await seen.until((m) => m.topic === fs);
    expect((await module.handlers.mqttStatus()).entities).toBe(2);
    await settings.update({ mqtt: { series: ['cpu.total'] } });
    await expect.poll(async () => (await module.handlers.mqttStatus()).state).toBe('connected');
    sample(T0 + 2000, { 'cpu.total': 2, 'fs.used_pct[/]': 40 });
    await seen.until((m) => m.topic === fs && m.payload === '');
    expect((await module.handlers.mqttStatus()).entities).toBe(1);
    await settings.update({ mqtt: { discovery: false } });
    await expect.poll(async () => (await module.handlers.mqttStatus()).state).toBe('connected');
    sample(T0 + 4000, { 'cpu.total': 3 });
    await seen.until((m) => m.topic === cpu && m.payload === '');
    expect((await module.handlers.mqttStatus()).entities).toBe(0);
    // A new choice of series is announced on the same connection: Home Assistant never saw it go offline.
    expect(seen.messages.filter((m) => m.topic === `dashlight/${node}/availability`).map((m) => m.payload)).toEqual([
      'online',
    ]);
  });

  it('announces again when Home Assistant says it is online (its birth message)', async () => {
    const seen = await watch(['homeassistant/sensor/#']);
    const { node, sample } = await connected({ series: ['cpu.total'] });
    sample(T0, { 'cpu.total': 5 });
    const cpu = (m: Message) => m.topic === `homeassistant/sensor/${node}/cpu_total/config`;
    await seen.until(cpu);
    broker.publish('homeassistant/status', 'online', OBSERVER);
    await expect.poll(() => seen.messages.filter(cpu).length).toBe(2);
  });

  it('after a broker restart (retained messages lost), reconnects and republishes discovery and availability', async () => {
    const { node, sample, module } = await connected({ series: ['cpu.total'] });
    sample(T0, { 'cpu.total': 5 });
    await broker.restart();
    const later = await watch([`homeassistant/sensor/${node}/#`, `dashlight/${node}/availability`]);
    await later.until((m) => m.topic === `homeassistant/sensor/${node}/cpu_total/config` && m.payload !== '', 60_000);
    await later.until((m) => m.topic === `dashlight/${node}/availability` && m.payload === 'online');
    const status = await module.handlers.mqttStatus();
    expect(status.state).toBe('connected');
    expect(status.lastError).toBe(`${broker.url} closed the connection`);
  });

  it('reads the password from a 0600 file; one sealed by the tray app is never sent, and says so', async () => {
    const file = join(dir(), 'broker-password');
    writeFileSync(file, `${DASHLIGHT.password}\n`, { mode: 0o600 });
    const fromFile = await connected({ password: { file } });
    expect(await fromFile.module.handlers.testMqtt()).toMatchObject({ ok: true });

    const node = `node${++nodes}`;
    const store = await openEngineStore(join(dir(), `${node}.db`));
    const sealed = 'enc:v1:c2VhbGVkLWJ5LXRoZS1rZXlyaW5n';
    const ctx = moduleServices(
      {
        mqtt: { enabled: true, url: broker.url, username: DASHLIGHT.user, password: sealed, nodeId: node },
      },
      { store },
    );
    const module = new MqttModule(ctx.services);
    open.push({ module, store });
    const seen = await watch([`dashlight/${node}/#`]);
    await module.start();
    const why = /^mqtt\.password: it was sealed by the desktop app with the OS keyring/;
    const status = await module.handlers.mqttStatus();
    expect(status).toMatchObject({ enabled: true, state: 'off', lastError: expect.stringMatching(why) });
    expect(await module.handlers.testMqtt()).toMatchObject({ ok: false, detail: expect.stringMatching(why) });
    // Nothing of this node reached the broker (its will or availability would show here).
    await fromFile.module.handlers.testMqtt();
    expect(seen.messages.filter((m) => m.topic.startsWith(`dashlight/${node}/`))).toEqual([]);
  });

  it('a wrong password: a clear error, retried with growing waits (no crash loop), logged once', async () => {
    const log = silentLogger();
    const warnings: string[] = [];
    log.warn = ((_: unknown, message: string) => void warnings.push(message)) as typeof log.warn;
    const node = `node${++nodes}`;
    const store = await openEngineStore(join(dir(), `${node}.db`));
    const ctx = moduleServices(
      { mqtt: { enabled: true, url: broker.url, username: DASHLIGHT.user, password: 'wrong-password', nodeId: node } },
      { store, log },
    );
    const module = new MqttModule(ctx.services);
    ctx.settings.applyTo(module);
    open.push({ module, store });
    const refused = `${broker.url} refused the user name or password (not authorized): check mqtt.username and mqtt.password`;
    expect(await module.handlers.testMqtt()).toMatchObject({ ok: false, detail: refused });
    await module.start();
    await expect.poll(async () => (await module.handlers.mqttStatus()).lastError).toBe(refused);
    const status = await module.handlers.mqttStatus();
    expect(status.state).toBe('waiting');
    // The test's clock stands still, so nextAttempt less now is the wait chosen: 1 s, 2 s, 4 s … ±20 %.
    expect(status.nextAttempt! - ctx.clock.wall()).toBeGreaterThanOrEqual(800);
    await expect
      .poll(async () => (await module.handlers.mqttStatus()).nextAttempt! - ctx.clock.wall())
      .toBeGreaterThanOrEqual(3200);
    expect(warnings).toEqual([`MQTT: ${refused}`]);
    await ctx.settings.update({ mqtt: { password: DASHLIGHT.password } });
    await expect.poll(async () => (await module.handlers.mqttStatus()).state).toBe('connected');
    expect(await module.handlers.testMqtt()).toMatchObject({
      ok: true,
      detail: `${broker.url} accepted user "dashlight"`,
    });
  });
});

describeWithBinary('mosquitto', 'MQTT over TLS, against mosquitto', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto({ tls: true });
  });
  afterAll(async () => broker?.stop());

  it('connects with the CA that signed the broker, and says what to do without it', async () => {
    const trusted = moduleServices({ mqtt: { enabled: true, url: broker.tlsUrl, tls: { ca: broker.caFile } } });
    expect(await new MqttModule(trusted.services).handlers.testMqtt()).toMatchObject({
      ok: true,
      detail: `${broker.tlsUrl} accepted an anonymous client`,
    });
    const untrusted = moduleServices({ mqtt: { enabled: true, url: broker.tlsUrl } });
    const result = await new MqttModule(untrusted.services).handlers.testMqtt();
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(
      new RegExp(
        `^${broker.tlsUrl} presented a certificate this machine does not trust \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)\\): set mqtt.tls.ca to the CA file that signed it$`,
      ),
    );
    const missing = moduleServices({ mqtt: { enabled: true, url: broker.tlsUrl, tls: { ca: '/nonexistent/ca.crt' } } });
    expect(await new MqttModule(missing.services).handlers.testMqtt()).toMatchObject({
      ok: false,
      detail: 'cannot read the CA file (mqtt.tls.ca) /nonexistent/ca.crt: ENOENT',
    });
  });
});
