/**
 * The `desktop` section of the settings: what only the tray app uses (headless ignores it).
 *
 * @example
 * { "desktop": { "trayMetrics": ["cpu.total", "mem.percent"], "theme": "system", "launchAtLogin": false } }
 */
import { isKnownSeries } from './metrics.js';
import { z } from './validation.js';

export const desktopSettingsSchema = z.prefault(
  z.strictObject({
    /** Shown in the macOS menu-bar title (and the first one as the tray icon's bar). */
    trayMetrics: z._default(
      z
        .array(
          z.string().check(z.refine(isKnownSeries, { message: 'unknown series: see the metric list in the README' })),
        )
        .check(z.minLength(1), z.maxLength(4)),
      ['cpu.total', 'mem.percent'],
    ),
    /**
     * Windows and Linux tray icon: the first tray metric's value as `digits`, or a `bar` filled by
     * the first percent metric. macOS shows the values as text beside the icon either way.
     */
    trayIcon: z._default(z.enum(['digits', 'bar']), 'digits'),
    /** `system` follows the OS (nativeTheme). */
    theme: z._default(z.enum(['system', 'light', 'dark']), 'system'),
    launchAtLogin: z._default(z.boolean(), false),
    /**
     * Linux without a keyring: push tokens can only be stored with a hard-coded key. Saving them
     * needs this explicit consent ("store tokens without a keyring" in settings).
     */
    allowPlainTextSecrets: z._default(z.boolean(), false),
  }),
  {},
);

export type DesktopSettings = z.output<typeof desktopSettingsSchema>;
