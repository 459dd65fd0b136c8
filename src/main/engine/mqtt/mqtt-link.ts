/**
 * The connection to the broker (MQTT.js, MQTT 3.1.1): connects with a last will that sets this
 * machine's availability to `offline` (retained) should the connection die, says `online` once
 * connected, listens for Home Assistant's birth message, and reconnects after a failure with a
 * growing wait (1 s, 2 s, 4 s … up to a minute, with jitter), forever, until stopped. A refused
 * password or an untrusted certificate is reported once per episode in words (broker-errors.ts),
 * and retried on the same schedule: a broken setting never becomes a crash loop or a flood.
 *
 * Publishing never waits: while not connected, a state message is dropped (the next one carries
 * the newest values anyway), so the broker can never hold up sampling.
 *
 * @example
 * const link = new MqttLink({ settings, topics, clientId, log, clock, onConnected, onHomeAssistantOnline });
 * link.start();
 * link.publish(topics.state, '{"cpu_total":12.5}', false); // true when handed to the socket
 * await link.stop(); // says offline, then disconnects
 */
import { readFileSync } from 'node:fs';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { MqttLinkState, MqttTestResult } from '../../../shared/integrations.js';
import type { MqttSettings } from '../../../shared/mqtt-settings.js';
import type { Clear } from '../../../shared/secrets.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { brokerError } from './broker-errors.js';
import { AVAILABLE, NOT_AVAILABLE } from './ha-discovery.js';
import { brokerLabel, type MqttTopics } from './mqtt-topics.js';

export interface MqttLinkOptions {
  readonly settings: Clear<MqttSettings>;
  readonly topics: MqttTopics;
  readonly clientId: string;
  readonly log: Logger;
  readonly clock: Clock;
  /** The wait before reconnect attempt `n` (1 = after the first failure); tests shorten it. */
  readonly backoff?: (attempt: number) => number;
  /** Connected (first time or again): announce and publish. */
  readonly onConnected: () => void;
  /** Home Assistant (re)started: it wants the discovery configs again. */
  readonly onHomeAssistantOnline: () => void;
}

const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 60_000;
/** How long a stop waits for the broker to take the `offline` message. */
const GOODBYE_MS = 2000;

/** 1 s, 2 s, 4 s … capped at a minute, each ±20 %, so many machines behind one outage spread out. */
export function reconnectWaitMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(Math.max(attempt, 1) - 1, 16));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** How MQTT.js connects: the credentials, TLS files and keepalive of the settings; no retries of its own. */
export function clientOptions(settings: Clear<MqttSettings>, clientId: string): IClientOptions {
  const file = (path: string | null, what: string): Buffer | undefined => {
    if (path === null) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, {
        cause: error,
      });
    }
  };
  return {
    clientId,
    username: settings.username ?? undefined,
    password: settings.password ?? undefined,
    protocolVersion: 4,
    clean: true,
    keepalive: Math.round(settings.keepalive / 1000),
    connectTimeout: 30_000,
    // Reconnection is MqttLink's (retry below): MQTT.js' own retries at a fixed period would hammer.
    reconnectPeriod: 0,
    queueQoSZero: false,
    ca: file(settings.tls.ca, 'the CA file (mqtt.tls.ca)'),
    cert: file(settings.tls.cert, 'the client certificate (mqtt.tls.cert)'),
    key: file(settings.tls.key, 'the client key (mqtt.tls.key)'),
    rejectUnauthorized: settings.tls.verify,
  };
}

/**
 * One connection attempt with the settings, without a will and without publishing anything (so a
 * running engine's availability is untouched): what `doctor` and the dashboard's test report.
 */
export async function probeBroker(
  settings: Clear<MqttSettings>,
  clientId: string,
  clock: Clock,
): Promise<MqttTestResult> {
  const broker = brokerLabel(settings.url);
  const started = clock.mono();
  const done = (ok: boolean, detail: string): MqttTestResult => ({
    ok,
    detail,
    elapsedMs: Math.round(clock.mono() - started),
  });
  let client: MqttClient;
  try {
    client = connect(settings.url, { ...clientOptions(settings, clientId), connectTimeout: 10_000 });
  } catch (error) {
    return done(false, (error as Error).message);
  }
  const who = settings.username === null ? 'an anonymous client' : `user "${settings.username}"`;
  const result = await new Promise<MqttTestResult>((resolve) => {
    client.once('connect', () => resolve(done(true, `${broker} accepted ${who}`)));
    client.once('error', (error) => resolve(done(false, brokerError(error, broker))));
    client.once('close', () => resolve(done(false, `${broker} closed the connection`)));
  });
  await client.endAsync(!result.ok).catch(() => {});
  return result;
}

export class MqttLink {
  state: MqttLinkState = 'connecting';
  connectedSince: number | null = null;
  lastError: string | null = null;
  lastErrorAt: number | null = null;
  nextAttempt: number | null = null;
  readonly broker: string;
  private client: MqttClient | null = null;
  private attempts = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The error last written to the log: a repeat of it is not logged again. */
  private logged: string | null = null;

  constructor(private readonly options: MqttLinkOptions) {
    this.broker = brokerLabel(options.settings.url);
  }

  start(): void {
    this.open();
  }

  /** Hands a message to the socket; false (and nothing queued) while not connected. */
  publish(topic: string, payload: string, retain: boolean): boolean {
    if (this.state !== 'connected' || !this.client) return false;
    this.client.publish(topic, payload, { qos: this.options.settings.qos, retain }, (error) => {
      if (error) this.options.log.debug({ err: error, topic }, 'an MQTT publish failed');
    });
    return true;
  }

  /** Says `offline` (retained) when connected, then disconnects; never waits longer than 2 s. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    this.state = 'off';
    if (!client) return;
    if (client.connected) {
      const goodbye = client
        .publishAsync(this.options.topics.availability, NOT_AVAILABLE, { qos: this.options.settings.qos, retain: true })
        .then(() => client.endAsync());
      const timeout = new Promise((resolve) => setTimeout(resolve, GOODBYE_MS).unref());
      await Promise.race([goodbye.catch(() => {}), timeout]);
    }
    client.end(true);
  }

  private open(): void {
    if (this.stopped) return;
    this.state = 'connecting';
    this.nextAttempt = null;
    const { settings, topics, clientId } = this.options;
    let options: IClientOptions;
    try {
      const will = { topic: topics.availability, payload: Buffer.from(NOT_AVAILABLE), qos: settings.qos, retain: true };
      options = { ...clientOptions(settings, clientId), will };
    } catch (error) {
      this.failed(null, (error as Error).message);
      this.retry(null);
      return;
    }
    const client = connect(settings.url, options);
    this.client = client;
    client.on('connect', () => this.connected(client));
    client.on('error', (error) => this.failed(client, brokerError(error, this.broker)));
    client.on('close', () => this.retry(client));
    client.on('message', (topic, payload) => {
      if (topic === this.options.topics.homeAssistantStatus && payload.toString() === 'online') {
        this.options.onHomeAssistantOnline();
      }
    });
  }

  private connected(client: MqttClient): void {
    if (client !== this.client) return;
    const { log, clock, topics, settings } = this.options;
    if (this.attempts > 0) log.info({ broker: this.broker, attempts: this.attempts }, 'MQTT connected again');
    else log.info({ broker: this.broker }, 'MQTT connected');
    this.state = 'connected';
    this.connectedSince = clock.wall();
    this.attempts = 0;
    this.logged = null;
    client.publish(topics.availability, AVAILABLE, { qos: settings.qos, retain: true });
    client.subscribe(topics.homeAssistantStatus, { qos: settings.qos });
    this.options.onConnected();
  }

  private failed(client: MqttClient | null, message: string): void {
    if (client !== null && client !== this.client) return;
    this.lastError = message;
    this.lastErrorAt = this.options.clock.wall();
    if (this.logged !== message) {
      this.logged = message;
      this.options.log.warn({ broker: this.broker }, `MQTT: ${message}`);
    }
  }

  /** After a close (or a setting that cannot work): wait, then connect again, unless stopped. */
  private retry(client: MqttClient | null): void {
    if (this.stopped || (client !== null && client !== this.client)) return;
    if (this.state === 'connected') this.failed(client, `${this.broker} closed the connection`);
    // Forgotten before it is ended, so a second 'close' from it finds nothing to retry.
    const old = this.client;
    this.client = null;
    old?.end(true);
    this.connectedSince = null;
    this.attempts++;
    const wait = (this.options.backoff ?? reconnectWaitMs)(this.attempts);
    this.state = 'waiting';
    this.nextAttempt = this.options.clock.wall() + wait;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open();
    }, wait);
  }
}
