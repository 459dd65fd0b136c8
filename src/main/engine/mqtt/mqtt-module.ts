/**
 * The MQTT module: the home side. While `mqtt.enabled`, it keeps a connection to the broker
 * (mqtt-link.ts, loaded only then), announces this machine to Home Assistant (one device, one
 * entity per chosen series, retained discovery configs), and publishes the newest values as one
 * JSON state message per cadence. The cadence follows the samples' own time (a message in each
 * `mqtt.interval` slot that has a sample), so it needs no timer of its own and cannot drift from
 * what was measured. Sampling never waits for the broker: a reader of the sample stream that only
 * hands a message to the socket, or drops it while disconnected.
 *
 * The announced entities are kept in the database (announced-entities.ts): one whose series is no
 * longer chosen (or with discovery turned off) is removed from Home Assistant, even after a restart.
 *
 * @example
 * await engine.updateSettings({ mqtt: { enabled: true, url: 'mqtt://ha.lan:1883', username: 'dashlight', password: '…' } });
 * await engine.mqttStatus(); // { state: 'connected', entities: 12, published: 3, … }
 */
import { arch, release, type } from 'node:os';
import type { MqttStatus, MqttTestResult } from '../../../shared/integrations.js';
import type { MqttSettings } from '../../../shared/mqtt-settings.js';
import type { Clear } from '../../../shared/secrets.js';
import type { Settings } from '../../../shared/settings.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { horizonsFor, LatestValues } from '../core/latest-values.js';
import { VERSION } from '../version.js';
import { AnnouncedEntities } from './announced-entities.js';
import { discoveryConfig, stateMessage, type DiscoveryContext } from './ha-discovery.js';
import { chosenEntities, haEntity, selects, type HaEntity } from './ha-entities.js';
import type { MqttLink } from './mqtt-link.js';
import { m0007Mqtt } from './migration-0007-mqtt.js';
import { brokerLabel, mqttTopics, type MqttTopics } from './mqtt-topics.js';

type Sections = Pick<Settings, 'mqtt' | 'sampling'>;

/** What the connection itself is made with: a change to one of these connects again. */
const CONNECTION: readonly (keyof MqttSettings)[] = [
  'enabled',
  'url',
  'username',
  'password',
  'clientId',
  'nodeId',
  'topicPrefix',
  'discoveryPrefix',
  'qos',
  'keepalive',
  'tls',
];

/** Home Assistant shows an entity as unavailable after this many missed state messages. */
const EXPIRE_AFTER_PERIODS = 3;

export class MqttModule {
  private readonly latest = new LatestValues();
  private announcedStore: AnnouncedEntities | null = null;
  private readonly model = `${type()} ${release()} ${arch()}`;
  private settings: MqttSettings;
  private link: MqttLink | null = null;
  /** Why the link is not started although MQTT is on: a password this process cannot open. */
  private secretProblem: { message: string; at: number } | null = null;
  private started = false;
  private applying: Promise<void> = Promise.resolve();
  /** The cadence slot of the last state message. */
  private lastSlot = Number.NEGATIVE_INFINITY;
  private published = 0;
  private lastPublishAt: number | null = null;
  /** Entities announced on this connection, by series key. */
  private readonly live = new Set<string>();

  constructor(private readonly services: EngineServices) {
    this.settings = services.settings.current().mqtt;
    services.samples.subscribe('mqtt', (sample) => {
      this.latest.push(sample);
      const slot = Math.floor(sample.ts / this.settings.interval);
      if (slot <= this.lastSlot || this.link?.state !== 'connected') return;
      this.publishState(sample.ts);
    });
  }

  readonly handlers = {
    mqttStatus: async (): Promise<MqttStatus> => {
      await this.applying;
      return this.status();
    },
    testMqtt: async (): Promise<MqttTestResult> => {
      const { probeBroker } = await import('./mqtt-link.js');
      let settings: Clear<MqttSettings>;
      try {
        settings = this.openSettings();
      } catch (error) {
        return { ok: false, detail: (error as Error).message, elapsedMs: 0 };
      }
      return probeBroker(settings, `${this.clientId()}-test`, this.services.clock);
    },
  };

  start(): Promise<void> {
    this.started = true;
    return this.apply();
  }

  stop(): Promise<void> {
    this.started = false;
    return this.apply();
  }

  /** A new broker, login or topic connects again; a new choice of series is only announced. */
  configure(next: Sections): void {
    const before = this.settings;
    this.settings = next.mqtt;
    const changed = (key: keyof MqttSettings) => JSON.stringify(before[key]) !== JSON.stringify(next.mqtt[key]);
    if (CONNECTION.some(changed)) void this.apply();
    else if (
      Object.keys(next.mqtt).some((key) => changed(key as keyof MqttSettings)) &&
      this.link?.state === 'connected'
    ) {
      this.live.clear();
      this.announce();
    }
  }

  /** Opened on first use: a module that only tests a broker never touches the database. */
  private get announced(): AnnouncedEntities {
    return (this.announcedStore ??= new AnnouncedEntities(this.services.store.connection));
  }

  private get topics(): MqttTopics {
    return mqttTopics(this.settings, this.services.host);
  }

  private clientId(): string {
    return this.settings.clientId ?? `dashlight-${this.topics.node}`;
  }

  private status(): MqttStatus {
    const link = this.link;
    const topics = this.topics;
    return {
      enabled: this.settings.enabled,
      broker: link?.broker ?? brokerLabel(this.settings.url),
      state: link?.state ?? 'off',
      nodeId: topics.node,
      stateTopic: topics.state,
      availabilityTopic: topics.availability,
      connectedSince: link?.connectedSince ?? null,
      published: this.published,
      lastPublishAt: this.lastPublishAt,
      entities: this.announced.all().length,
      lastError: this.secretProblem?.message ?? link?.lastError ?? null,
      lastErrorAt: this.secretProblem?.at ?? link?.lastErrorAt ?? null,
      nextAttempt: link?.nextAttempt ?? null,
    };
  }

  /** The settings with the password opened, just before it is sent; throws naming the field and why. */
  private openSettings(): Clear<MqttSettings> {
    const { password } = this.settings;
    if (password === null) return { ...this.settings, password: null };
    try {
      return { ...this.settings, password: this.services.secrets.open(password) };
    } catch (error) {
      throw new Error(`mqtt.password: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Connection changes run one after another: a quick off-on-off must end off. */
  private apply(): Promise<void> {
    this.applying = this.applying.then(() => this.relink());
    return this.applying;
  }

  private async relink(): Promise<void> {
    await this.link?.stop();
    this.link = null;
    this.live.clear();
    this.secretProblem = null;
    if (!this.started || !this.settings.enabled) return;
    let settings: Clear<MqttSettings>;
    try {
      settings = this.openSettings();
    } catch (error) {
      // Not connecting anonymously instead: the broker would refuse it or, worse, accept it.
      this.secretProblem = { message: (error as Error).message, at: this.services.clock.wall() };
      this.services.log.warn({ problem: this.secretProblem.message }, 'MQTT is not connecting');
      return;
    }
    // Loaded here: MQTT.js costs an engine without MQTT nothing.
    const { MqttLink } = await import('./mqtt-link.js');
    const link = new MqttLink({
      settings,
      topics: this.topics,
      clientId: this.clientId(),
      log: this.services.log,
      clock: this.services.clock,
      onConnected: () => this.announceAll(),
      // Home Assistant restarted: it may have lost what it knew, so everything again.
      onHomeAssistantOnline: () => this.announceAll(),
    });
    this.link = link;
    link.start();
  }

  /** Every config, then the newest values: on each (re)connection and each Home Assistant start. */
  private announceAll(): void {
    this.live.clear();
    this.announce();
    if (this.latest.lastTs !== null) this.publishState(this.latest.lastTs);
  }

  private entities(): HaEntity[] {
    return chosenEntities(this.settings.series, this.latest.keys());
  }

  private publishState(ts: number): void {
    const link = this.link;
    if (!link) return;
    const entities = this.entities();
    if (entities.some((entity) => !this.live.has(entity.key))) this.announce(entities);
    const now = this.services.clock.wall();
    const fresh = new Map(
      this.latest.fresh(now, horizonsFor(this.services.settings.current().sampling)).map((v) => [v.key, v.value]),
    );
    const message = stateMessage(ts, entities, (key) => fresh.get(key) ?? null);
    this.lastSlot = Math.max(this.lastSlot, Math.floor(ts / this.settings.interval));
    if (link.publish(this.topics.state, message, this.settings.retain)) {
      this.published++;
      this.lastPublishAt = now;
    }
  }

  /**
   * Publishes the config of every entity not yet announced on this connection, and removes from
   * Home Assistant what was announced before but is no longer chosen (or all of it, discovery off).
   */
  private announce(entities: HaEntity[] = this.entities()): void {
    const link = this.link;
    if (!link) return;
    const topics = this.topics;
    const now = this.services.clock.wall();
    const wanted = new Set<string>();
    if (this.settings.discovery) {
      const context = this.discoveryContext(topics);
      for (const entity of entities) {
        const { topic, payload } = discoveryConfig(entity, context);
        wanted.add(topic);
        if (this.live.has(entity.key)) continue;
        if (!link.publish(topic, JSON.stringify(payload), true)) return;
        this.live.add(entity.key);
        const selector = this.settings.series.find((s) => selects(s, entity.key)) ?? entity.key;
        this.announced.record(topic, selector, entity.key, now);
      }
    }
    for (const row of this.announced.all()) {
      if (wanted.has(row.topic) || this.stillChosen(row.selector, row.series, row.topic, topics)) continue;
      // An empty retained config removes the entity from Home Assistant and clears the broker's copy.
      if (link.publish(row.topic, '', true)) this.announced.forget(row.topic);
    }
  }

  /** Chosen, not seen on this run yet (a mount not mounted now), and still at the same topic: kept. */
  private stillChosen(selector: string, series: string, topic: string, topics: MqttTopics): boolean {
    if (!this.settings.discovery || !this.settings.series.includes(selector)) return false;
    const entity = haEntity(series);
    return entity !== null && topics.config(entity.component, entity.objectId) === topic;
  }

  private discoveryContext(topics: MqttTopics): DiscoveryContext {
    const period = Math.max(this.settings.interval, this.services.settings.current().sampling.interval);
    return {
      topics,
      host: this.services.host,
      model: this.model,
      version: VERSION,
      qos: this.settings.qos,
      expireAfter: Math.max(30, Math.ceil((EXPIRE_AFTER_PERIODS * period) / 1000)),
    };
  }
}

export const mqttModule = defineModule({
  name: 'mqtt',
  methods: ['mqttStatus', 'testMqtt'],
  sections: ['mqtt', 'sampling'],
  migrations: { '0007_mqtt': m0007Mqtt },
  create: (services: EngineServices) => new MqttModule(services),
});
