/**
 * The `processes` section of the settings: process history, sampled at its own cadence.
 *
 * @example
 * // config.json
 * { "processes": { "enabled": true, "interval": "5s" } }
 */
import { optionalDurationField } from './duration-schema.js';
import { z } from './validation.js';

const SECOND = 1000;

/** Linux reads /proc cheaply; elsewhere systeminformation starts `ps` or PowerShell each time. */
export const PROCESS_INTERVAL_DEFAULTS = { linux: 5 * SECOND, other: 30 * SECOND } as const;

export const processSettingsSchema = z.prefault(
  z.strictObject({
    /** Off: no process history, no live process list, and process alert rules are refused. */
    enabled: z._default(z.boolean(), true),
    /** Time between passes over the process table; null picks the OS's default (5 s on Linux, 30 s elsewhere). */
    interval: optionalDurationField(SECOND, 10 * 60 * SECOND, null),
  }),
  {},
);

export type ProcessSettings = z.output<typeof processSettingsSchema>;

/** The cadence in force for this OS. */
export function processInterval(settings: ProcessSettings, platform: string): number {
  return (
    settings.interval ?? (platform === 'linux' ? PROCESS_INTERVAL_DEFAULTS.linux : PROCESS_INTERVAL_DEFAULTS.other)
  );
}
