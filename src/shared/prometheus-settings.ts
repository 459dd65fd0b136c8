/**
 * The `prometheus` section of the settings: the pull side. When enabled, the engine answers
 * `GET /metrics` in the Prometheus text format (OpenMetrics when the scraper asks for it) on a
 * listener of its own, bound to this machine only unless told otherwise.
 *
 * @example
 * { "prometheus": { "enabled": true, "port": 9437, "auth": { "type": "bearer", "token": "…" } } }
 */
import { secret } from './secrets.js';
import { z } from './validation.js';

export const PROMETHEUS_DEFAULT_PORT = 9437;

/**
 * Who may scrape: anyone who reaches the port (`null`), a bearer token, or HTTP basic auth. The
 * token and the password are `secret()`s: text, `{ "env": "NAME" }` or `{ "file": "/path" }`, never shown once stored.
 */
export const scrapeAuthSchema = z.nullable(
  z.discriminatedUnion('type', [
    /** `Authorization: Bearer <token>` (Prometheus: `authorization: { credentials: … }`). */
    z.strictObject({ type: z.literal('bearer'), token: secret({ minLength: 16 }) }),
    /** `Authorization: Basic …` (Prometheus: `basic_auth`). */
    z.strictObject({
      type: z.literal('basic'),
      username: z.string().check(
        z.minLength(1),
        z.refine((name) => !name.includes(':'), { message: 'must not contain ":"' }),
      ),
      password: secret({ minLength: 8 }),
    }),
  ]),
);
export type ScrapeAuth = z.output<typeof scrapeAuthSchema>;

export const prometheusSettingsSchema = z.prefault(
  z.strictObject({
    /** Off by default: nothing listens until asked (or `dashlight run --metrics`). */
    enabled: z._default(z.boolean(), false),
    /** 127.0.0.1: this machine only. Another address makes the metrics reachable from the network. */
    host: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
    /** 0 picks any free port. */
    port: z._default(z.int().check(z.minimum(0), z.maximum(65535)), PROMETHEUS_DEFAULT_PORT),
    auth: z._default(scrapeAuthSchema, null),
  }),
  {},
);
export type PrometheusSettings = z.output<typeof prometheusSettingsSchema>;
