/**
 * The `push` section of the settings: where batches of samples go. Each target has a cursor over
 * the stored samples, so nothing is copied and nothing is skipped (see src/main/engine/push/).
 *
 * @example
 * { "push": { "targets": [{ "name": "vm", "kind": "influx", "url": "http://metrics.lan:8428/write" }] } }
 */
import { durationField } from './duration-schema.js';
import { httpUrl, uniqueListOf } from './schema-helpers.js';
import { secret, type Clear } from './secrets.js';
import { z } from './validation.js';

/** Each credential is a `secret()`: text, `{ "env": "NAME" }` or `{ "file": "/path" }`, never shown once stored. */
export const pushAuthSchema = z.nullable(
  z.discriminatedUnion('type', [
    /** `Authorization: Bearer <token>`. */
    z.strictObject({ type: z.literal('bearer'), token: secret() }),
    /** `X-API-Key: <key>`, or another header name. */
    z.strictObject({
      type: z.literal('api-key'),
      key: secret(),
      header: z._default(z.string().check(z.regex(/^[A-Za-z0-9-]+$/)), 'X-API-Key'),
    }),
    /** `Authorization: Token <token>` (InfluxDB 2). */
    z.strictObject({ type: z.literal('token'), token: secret() }),
    z.strictObject({ type: z.literal('basic'), username: z.string(), password: secret({ allowEmpty: true }) }),
  ]),
);
export type PushAuth = z.output<typeof pushAuthSchema>;

export const influxOptionsSchema = z.strictObject({
  /** 1: POST /write?db=; 2: POST /api/v2/write?org=&bucket=. VictoriaMetrics accepts both. */
  version: z._default(z.union([z.literal(1), z.literal(2)]), 1),
  db: z._default(z.string().check(z.minLength(1)), 'dashlight'),
  org: z._default(z.nullable(z.string()), null),
  bucket: z._default(z.nullable(z.string()), null),
  /** Measurement name; fields are the metric names, tags host and the entity. */
  measurement: z._default(z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/)), 'dashlight'),
});
export type InfluxOptions = z.output<typeof influxOptionsSchema>;

export const pushTargetSchema = z.strictObject({
  /** Unique; used in status, the CLI and the batch ids. */
  name: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be 1–64 characters of a-z, 0-9, "-" or "_"' })),
  kind: z.enum(['http-json', 'influx', 'otlp']),
  /** The full endpoint URL; for influx and otlp the path is added when the URL has none. */
  url: httpUrl,
  auth: z._default(pushAuthSchema, null),
  influx: z._default(influxOptionsSchema, {
    version: 1,
    db: 'dashlight',
    org: null,
    bucket: null,
    measurement: 'dashlight',
  }),
  /** Samples per batch (one sample = one tick of every series). */
  batchSize: z._default(z.int().check(z.minimum(1), z.maximum(5000)), 5000),
  interval: durationField(1000, 24 * 3_600_000, 60_000),
  timeout: durationField(1000, 5 * 60_000, 30_000),
  gzip: z._default(z.boolean(), true),
  /** Where a new target starts: the oldest stored sample (backfill) or the next one. */
  start: z._default(z.enum(['oldest', 'now']), 'oldest'),
  enabled: z._default(z.boolean(), true),
});
export type PushTarget = z.output<typeof pushTargetSchema>;
export type PushTargetInput = z.input<typeof pushTargetSchema>;
/** A target with its credentials opened: what a request is built from, just before it is sent. */
export type ClearPushTarget = Clear<PushTarget>;
export type ClearPushAuth = Clear<PushAuth>;

export const pushSettingsSchema = z.prefault(
  z.strictObject({
    targets: z._default(uniqueListOf(pushTargetSchema, 'name', 'target name'), []),
  }),
  {},
);
export type PushSettings = z.output<typeof pushSettingsSchema>;

/** The optional hourly archive: one JSON file per completed hour. Off by default. */
export const archiveSettingsSchema = z.prefault(
  z
    .strictObject({
      enabled: z._default(z.boolean(), false),
      /** Where `YYYY-MM-DD/HH-HH.json` files go, e.g. a synced folder. Required when enabled. */
      folder: z._default(z.nullable(z.string().check(z.minLength(1))), null),
    })
    .check(
      z.refine((archive) => !archive.enabled || archive.folder !== null, {
        path: ['folder'],
        message: 'set the folder to archive into (or disable the archive)',
      }),
    ),
  {},
);
export type ArchiveSettings = z.output<typeof archiveSettingsSchema>;
