/**
 * The `mqtt` section of the settings: chosen series published to an MQTT broker, announced to Home
 * Assistant by MQTT discovery (one device per machine, one entity per series), with an
 * availability topic that the broker flips to `offline` by the last will when Dashlight dies.
 *
 * Topics, with the defaults: `dashlight/<node>/availability` (`online`/`offline`, retained),
 * `dashlight/<node>/state` (one JSON object per cadence), and
 * `homeassistant/sensor/<node>/<object>/config` (retained discovery, one per entity).
 *
 * @example
 * { "mqtt": { "enabled": true, "url": "mqtt://homeassistant.lan:1883", "username": "dashlight", "password": "…" } }
 */
import { durationField } from './duration-schema.js';
import { isKnownSeries } from './metrics.js';
import { secret } from './secrets.js';
import { z } from './validation.js';

/** What an MQTT topic level may hold here: no wildcards, no empty level, no leading or trailing "/". */
const topicPath = z.string().check(
  z.regex(/^[^/#+\s\0]+(\/[^/#+\s\0]+)*$/, {
    message: 'must be topic levels separated by "/", without "+", "#", spaces or an empty level',
  }),
);

/** Home Assistant's rule for node and object ids in discovery topics. */
const discoveryId = z
  .string()
  .check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/, { message: 'must be 1–64 characters of a-z, A-Z, 0-9, "_" or "-"' }));

const brokerUrl = z.string().check(
  z.refine(
    (text) => {
      try {
        return ['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { message: 'must be an mqtt://, mqtts://, ws:// or wss:// URL, e.g. mqtt://homeassistant.lan:1883' },
  ),
  z.refine(
    (text) => {
      try {
        const url = new URL(text);
        return url.username === '' && url.password === '';
      } catch {
        return true;
      }
    },
    { message: 'must not contain a user name or password: set mqtt.username and mqtt.password instead' },
  ),
);

/** The series published by default; a per-entity metric without an entity means every entity. */
export const DEFAULT_MQTT_SERIES = [
  // Processor and memory, then storage, network, and the sensors a laptop has.
  'cpu.total',
  'load.1',
  'mem.percent',
  'swap.percent',
  'fs.used_pct',
  'disk.read',
  'disk.write',
  'net.rx',
  'net.tx',
  'temp.cpu',
  'battery.percent',
  'battery.charging',
];

export const mqttTlsSchema = z.strictObject({
  /** A PEM file with the CA that signed the broker's certificate (a self-signed broker). */
  ca: z._default(z.nullable(z.string().check(z.minLength(1))), null),
  /** A client certificate and its key (PEM files), for brokers that authenticate clients by certificate. */
  cert: z._default(z.nullable(z.string().check(z.minLength(1))), null),
  key: z._default(z.nullable(z.string().check(z.minLength(1))), null),
  /** false accepts any certificate: encryption without knowing who answers. */
  verify: z._default(z.boolean(), true),
});

export const mqttSettingsSchema = z.prefault(
  z
    .strictObject({
      enabled: z._default(z.boolean(), false),
      url: z._default(brokerUrl, 'mqtt://127.0.0.1:1883'),
      username: z._default(z.nullable(z.string().check(z.minLength(1))), null),
      /** A `secret()`: text, `{ "env": "NAME" }` or `{ "file": "/path" }`; reads say it is set, never what it is. */
      password: z._default(z.nullable(secret()), null),
      /** Default `dashlight-<node>`. Two clients with one id push each other off the broker. */
      clientId: z._default(z.nullable(z.string().check(z.minLength(1), z.maxLength(128))), null),
      /** This machine in topics and ids; default: the host name, in the characters Home Assistant allows. */
      nodeId: z._default(z.nullable(discoveryId), null),
      topicPrefix: z._default(topicPath, 'dashlight'),
      /** Home Assistant MQTT discovery; its prefix is `homeassistant` unless changed in Home Assistant. */
      discovery: z._default(z.boolean(), true),
      discoveryPrefix: z._default(topicPath, 'homeassistant'),
      /** How often the state is published (the newest values; never faster than sampling). */
      interval: durationField(1000, 3_600_000, 10_000),
      qos: z._default(z.union([z.literal(0), z.literal(1), z.literal(2)]), 1),
      /** Retain the state message, so a subscriber sees the last values at once. */
      retain: z._default(z.boolean(), false),
      keepalive: durationField(5000, 20 * 60_000, 60_000),
      series: z._default(
        z
          .array(
            z.string().check(z.refine(isKnownSeries, { message: 'unknown series: see the metric list in the README' })),
          )
          .check(
            z.minLength(1),
            z.maxLength(64),
            z.refine((list) => new Set(list).size === list.length, { message: 'lists a series twice' }),
          ),
        DEFAULT_MQTT_SERIES,
      ),
      tls: z._default(mqttTlsSchema, { ca: null, cert: null, key: null, verify: true }),
    })
    .check(
      z.refine((mqtt) => (mqtt.tls.cert === null) === (mqtt.tls.key === null), {
        path: ['tls', 'key'],
        message: 'a client certificate needs its key, and a key its certificate',
      }),
    ),
  {},
);
export type MqttSettings = z.output<typeof mqttSettingsSchema>;
