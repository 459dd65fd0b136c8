/**
 * The one settings schema. The headless engine keeps settings in `config.json` in the data
 * folder, and the desktop shell reuses this schema with electron-store on the same file.
 *
 * Durations accept milliseconds or text (`"2s"`, `"5m"`); they are stored as milliseconds.
 *
 * @example
 * const settings = parseSettings({ sampling: { interval: '1s' } }); // throws SettingsError on bad input
 * settings.sampling.interval // 1000
 */
import { z } from './validation.js';
import { durationField as duration } from './duration-schema.js';
import { alertSettingsSchema } from './alert-settings.js';
import { desktopSettingsSchema } from './desktop-settings.js';
import { archiveSettingsSchema, pushSettingsSchema } from './push-settings.js';
import { prometheusSettingsSchema } from './prometheus-settings.js';
import { mqttSettingsSchema } from './mqtt-settings.js';
import { probeSettingsSchema } from './probe-settings.js';
import { processSettingsSchema } from './process-settings.js';
import { describeIssues, SettingsError } from './settings-error.js';
import { findMarkers, isSecretMarker, isSecretRef, keepSecrets, MARKER_WITHOUT_SECRET } from './secrets.js';

const SECOND = 1000;
const HOUR = 3_600_000;

/** Five or six space-separated cron fields; node-schedule checks the rest when the job is armed. */
const cronExpression = z.string().check(
  z.refine((text) => [5, 6].includes(text.trim().split(/\s+/).length), {
    message: 'must be a cron expression of 5 or 6 fields, e.g. "0 6 * * *" for 06:00 daily',
  }),
);

export const snapshotSchema = z.strictObject({
  cron: cronExpression,
  tz: z._default(z.string().check(z.minLength(1)), 'UTC'),
});

const days = (max: number, fallback: number) => z._default(z.number().check(z.positive(), z.maximum(max)), fallback);

/**
 * Each tier is rolled from a finer one and history reads a range from the coarsest tier holding
 * it, so a coarser tier kept for less time than a finer one would answer long ranges with only
 * its own, shorter, past. The finer field of the pair is the one named (and, when a stored file
 * is repaired, reset to its default).
 */
function coarserKeptLonger(
  retention: { rawDays: number; minuteDays: number; hourDays: number },
  ctx: { issues: { push(issue: { code: 'custom'; path: string[]; message: string; input: unknown }): unknown } },
): void {
  const pairs = [
    ['rawDays', 'minuteDays', 'raw samples', '1-minute aggregates'],
    ['minuteDays', 'hourDays', 'minute aggregates', 'hourly aggregates'],
  ] as const;
  for (const [finer, coarser, finerWhat, coarserWhat] of pairs) {
    if (retention[finer] <= retention[coarser]) continue;
    ctx.issues.push({
      code: 'custom',
      path: [finer],
      message: `${retention[finer]} days is longer than ${coarser} (${retention[coarser]}): ${coarserWhat} must be kept at least as long as ${finerWhat}; lower ${finer} or raise ${coarser}`,
      input: retention[finer],
    });
  }
}

export const settingsSchema = z.prefault(
  z.strictObject({
    sampling: z.prefault(
      z.strictObject({
        /** Hot-set tick, 1 s to 1 h. */
        interval: duration(SECOND, HOUR, 2 * SECOND),
        /** Slow set (mounts, temperatures, battery, GPU). */
        slowInterval: duration(5 * SECOND, HOUR, 60 * SECOND),
        /** Extra snapshots on a cron schedule, e.g. every day at 06:00 UTC. */
        snapshots: z._default(z.array(snapshotSchema), []),
      }),
      {},
    ),
    storage: z.prefault(
      z.strictObject({
        /** How often buffered samples are committed. */
        commitInterval: duration(SECOND, 5 * 60 * SECOND, 10 * SECOND),
        /** Distinct entities (interfaces, disks, mounts, cores) a per-entity metric keeps; past it, new ones are not recorded. */
        maxEntitiesPerMetric: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 256),
        retention: z.prefault(
          z
            .strictObject({
              rawDays: days(3650, 7),
              minuteDays: days(3650, 90),
              hourDays: days(36500, 1825),
              /** Optional cap on the database size; the oldest data goes first. */
              maxSizeMb: z._default(z.nullable(z.number().check(z.positive())), null),
            })
            .check(z.superRefine(coarserKeptLonger)),
          {},
        ),
      }),
      {},
    ),
    alerts: alertSettingsSchema,
    push: pushSettingsSchema,
    archive: archiveSettingsSchema,
    prometheus: prometheusSettingsSchema,
    mqtt: mqttSettingsSchema,
    desktop: desktopSettingsSchema,
    processes: processSettingsSchema,
    probes: probeSettingsSchema,
    log: z.prefault(
      z.strictObject({
        level: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
      }),
      {},
    ),
  }),
  {},
);

export { describeIssues, SettingsError };

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

/** A deep partial for `updateSettings`: any subset of the fields, validated as a whole after merging. */
export type SettingsPatch = { [K in keyof SettingsInput]?: Partial<NonNullable<SettingsInput[K]>> };

function invalid(source: string, issues: { path: string; message: string }[]): SettingsError {
  const lines = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new SettingsError(`invalid ${source}: ${lines}`, issues);
}

/**
 * Validates raw settings (defaults filled in); throws SettingsError naming each bad field. A secret
 * marker with no stored secret behind it (see secrets.ts) is refused at its path.
 */
export function parseSettings(input: unknown, source = 'settings'): Settings {
  const result = settingsSchema.safeParse(input ?? {});
  if (!result.success) throw invalid(source, describeIssues(result.error.issues));
  const markers = findMarkers(settingsSchema, result.data);
  if (markers.length > 0)
    throw invalid(
      source,
      markers.map((path) => ({ path, message: MARKER_WITHOUT_SECRET })),
    );
  return result.data;
}

export const DEFAULT_SETTINGS: Settings = parseSettings({});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges a patch over settings (arrays are replaced, not merged), keeps every stored secret
 * the patch sends back as a marker (secrets.ts), then validates the result. A `__proto__` key is
 * refused like any unknown key, wherever it is.
 */
export function mergeSettings(base: Settings, patch: unknown, source = 'settings patch'): Settings {
  if (!isPlainObject(patch)) throw invalid(source, [{ path: '(root)', message: 'expected an object' }]);
  const merge = (a: unknown, b: unknown, path: string): unknown => {
    // A secret (a marker, a reference) is one value: never merged key by key.
    if (!isPlainObject(a) || !isPlainObject(b) || isSecretMarker(b) || isSecretRef(b)) return b;
    const out: Record<string, unknown> = { ...a };
    for (const [key, value] of Object.entries(b)) {
      if (key === '__proto__')
        throw invalid(source, [{ path: path || '(root)', message: 'Unrecognized key: "__proto__"' }]);
      out[key] = merge(a[key], value, path ? `${path}.${key}` : key);
    }
    return out;
  };
  return parseSettings(keepSecrets(settingsSchema, merge(base, patch, ''), base), source);
}
