/**
 * The `probes` section of the settings: TCP connect probes to host:port targets (none by
 * default). Each target records `probe.connect_seconds[<name>]` when it answers and
 * `probe.loss_pct[<name>]` (0 or 100 per attempt, the loss rate once averaged), usable in alerts.
 *
 * @example
 * // config.json
 * { "probes": { "targets": [{ "host": "db.lan", "port": 5432 }], "interval": "10s", "timeout": "2s" } }
 */
import { durationField } from './duration-schema.js';
import { uniqueListOf } from './schema-helpers.js';
import { z } from './validation.js';

/** A host name, or an IPv4 or IPv6 address, without brackets or a port. */
const hostField = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9._:%-]{1,253}$/, { message: 'must be a host name or an IP address, e.g. db.lan or 10.0.0.5' }),
  );

/** The series entity: anything but brackets, which end a series key. */
const probeName = z
  .string()
  .check(z.regex(/^[^[\]\s]{1,64}$/, { message: 'must be 1–64 characters without spaces or brackets' }));

export const probeTargetSchema = z.pipe(
  z.strictObject({
    host: hostField,
    port: z.int().check(z.minimum(1), z.maximum(65535)),
    /** The series' entity; `host:port` when absent. */
    name: z.optional(probeName),
  }),
  z.transform((target) => ({ ...target, name: target.name ?? `${target.host}:${target.port}` })),
);

export type ProbeTarget = z.output<typeof probeTargetSchema>;

export const probeSettingsSchema = z.prefault(
  z.strictObject({
    targets: z._default(uniqueListOf(probeTargetSchema, 'name', 'probe name'), []),
    /** Time between two attempts on one target. */
    interval: durationField(1000, 3_600_000, 10_000),
    /** An attempt not connected by then counts as lost. */
    timeout: durationField(100, 30_000, 2000),
  }),
  {},
);

export type ProbeSettings = z.output<typeof probeSettingsSchema>;
