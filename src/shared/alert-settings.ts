/**
 * The `alerts` section of the settings: rules, quiet hours and the webhook channel.
 *
 * @example
 * // config.json
 * { "alerts": { "quietHours": { "start": "22:00", "end": "07:00" },
 *               "webhook": { "url": "https://hooks.example.com/dashlight", "token": "…" } } }
 */
import { alertRulesSchema, DEFAULT_RULE_INPUTS } from './alert-rules.js';
import { durationField } from './duration-schema.js';
import { httpUrl } from './schema-helpers.js';
import { secret } from './secrets.js';
import { z } from './validation.js';

const clockTime = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a 24-hour time like 22:00 or 07:30' }));

/** A daily window, in the machine's local time; it may wrap past midnight (22:00–07:00). */
export const quietHoursSchema = z.strictObject({ start: clockTime, end: clockTime });
export type QuietHours = z.output<typeof quietHoursSchema>;

export const webhookSchema = z.strictObject({
  url: httpUrl,
  /** Sent as `Authorization: Bearer <token>`; a secret: never shown or logged, `null` clears it. */
  token: z._default(z.nullable(secret()), null),
  /** Per attempt; delivery runs beside sampling and never blocks it. */
  timeout: durationField(500, 60_000, 5000),
  /** Attempts per notification, with exponential backoff between them. */
  attempts: z._default(z.int().check(z.minimum(1), z.maximum(10)), 4),
  enabled: z._default(z.boolean(), true),
});
export type WebhookSettings = z.output<typeof webhookSchema>;

export const alertSettingsSchema = z.prefault(
  z.strictObject({
    rules: z._default(alertRulesSchema, () => alertRulesSchema.parse(DEFAULT_RULE_INPUTS)),
    quietHours: z._default(z.nullable(quietHoursSchema), null),
    webhook: z._default(z.nullable(webhookSchema), null),
  }),
  {},
);

export type AlertSettings = z.output<typeof alertSettingsSchema>;
