/**
 * The Settings form as plain data, and the patch it saves: only the fields that differ from the
 * settings the engine holds, so a save never rewrites what another view (or the tray) changed.
 *
 * @example
 * const draft = draftFromSettings(settings);
 * draft.interval = '5s';
 * buildPatch(draft, settings) // { sampling: { interval: '5s' } }
 */
import { isKnownSeries } from '../../../shared/metrics.js';
import type { Settings } from '../../../shared/settings.js';
import { formatDuration, parseDuration } from '../../../shared/time.js';
import { fieldsByPath } from '../../lib/forms/issue-fields.js';
import {
  INTEGRATION_FIELD_PATHS,
  integrationsDraft,
  integrationsPatch,
  type IntegrationsDraft,
} from './integrations-draft.js';

export type ThemeChoice = Settings['desktop']['theme'];
export type LogLevel = Settings['log']['level'];

export interface SettingsDraft extends IntegrationsDraft {
  /** Duration text (`2s`) or milliseconds. */
  interval: string;
  slowInterval: string;
  /** null while the input is empty. */
  rawDays: number | null;
  minuteDays: number | null;
  hourDays: number | null;
  /** null: no size cap. */
  maxSizeMb: number | null;
  trayMetrics: string[];
  launchAtLogin: boolean;
  allowPlainTextSecrets: boolean;
  theme: ThemeChoice;
  archiveEnabled: boolean;
  archiveFolder: string;
  logLevel: LogLevel;
  /** Process history on or off, and its cadence ('' = the OS's default). */
  processesEnabled: boolean;
  processInterval: string;
  /** One probe target a line: `host:port`, or `name=host:port`. */
  probeTargets: string;
  probeInterval: string;
  probeTimeout: string;
  trayIcon: Settings['desktop']['trayIcon'];
}

export type SettingsField = keyof SettingsDraft;

/** Where each field lives in the settings; issue paths are matched against these. */
export const FIELD_PATHS: Readonly<Record<SettingsField, string>> = {
  interval: 'sampling.interval',
  slowInterval: 'sampling.slowInterval',
  rawDays: 'storage.retention.rawDays',
  minuteDays: 'storage.retention.minuteDays',
  hourDays: 'storage.retention.hourDays',
  maxSizeMb: 'storage.retention.maxSizeMb',
  trayMetrics: 'desktop.trayMetrics',
  launchAtLogin: 'desktop.launchAtLogin',
  allowPlainTextSecrets: 'desktop.allowPlainTextSecrets',
  theme: 'desktop.theme',
  archiveEnabled: 'archive.enabled',
  archiveFolder: 'archive.folder',
  logLevel: 'log.level',
  ...INTEGRATION_FIELD_PATHS,
  processesEnabled: 'processes.enabled',
  processInterval: 'processes.interval',
  probeTargets: 'probes.targets',
  probeInterval: 'probes.interval',
  probeTimeout: 'probes.timeout',
  trayIcon: 'desktop.trayIcon',
};

/** The series a tray can show (the first one also draws the icon's bar). */
export const TRAY_METRIC_CHOICES = [
  'cpu.total',
  'mem.percent',
  'swap.percent',
  'load.1',
  'net.rx',
  'net.tx',
  'disk.read',
  'disk.write',
  'temp.cpu',
  'battery.percent',
] as const;

export const MAX_TRAY_METRICS = 4;

/**
 * Every series the tray can show: the usual ones, then any other this machine reports (a sensor,
 * a probe, a mount, a core), and whatever is chosen already.
 */
export function trayChoices(seen: readonly string[], chosen: readonly string[]): string[] {
  const fixed: readonly string[] = TRAY_METRIC_CHOICES;
  const more = [...new Set([...seen, ...chosen])].filter((key) => !fixed.includes(key) && isKnownSeries(key));
  return [...fixed, ...more.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))];
}

/** Probe targets as the form's lines: `name=host:port`, or just `host:port` when the name is that. */
export function probeLines(targets: Settings['probes']['targets']): string {
  return targets
    .map((t) => {
      const address = `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
      return t.name === `${t.host}:${t.port}` ? address : `${t.name}=${address}`;
    })
    .join('\n');
}

/** The form's lines as targets; a line that is not `host:port` goes as typed for the engine to name. */
export function probeTargetsOf(text: string): { host: string; port: number | string; name?: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf('=');
      const name = eq > 0 ? line.slice(0, eq).trim() : undefined;
      const address = eq > 0 ? line.slice(eq + 1).trim() : line;
      const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address);
      const target = match ? { host: match[1]!, port: Number(match[2]) } : { host: address, port: '' };
      return name === undefined ? target : { ...target, name };
    });
}

export const INTERVAL_PRESETS = ['1s', '2s', '5s', '10s', '30s', '1m'] as const;

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function draftFromSettings(settings: Settings): SettingsDraft {
  const { sampling, storage, desktop, archive, log } = settings;
  return {
    interval: formatDuration(sampling.interval),
    slowInterval: formatDuration(sampling.slowInterval),
    rawDays: storage.retention.rawDays,
    minuteDays: storage.retention.minuteDays,
    hourDays: storage.retention.hourDays,
    maxSizeMb: storage.retention.maxSizeMb,
    trayMetrics: [...desktop.trayMetrics],
    launchAtLogin: desktop.launchAtLogin,
    allowPlainTextSecrets: desktop.allowPlainTextSecrets,
    theme: desktop.theme,
    archiveEnabled: archive.enabled,
    archiveFolder: archive.folder ?? '',
    logLevel: log.level,
    ...integrationsDraft(settings),
    processesEnabled: settings.processes.enabled,
    processInterval: settings.processes.interval === null ? '' : formatDuration(settings.processes.interval),
    probeTargets: probeLines(settings.probes.targets),
    probeInterval: formatDuration(settings.probes.interval),
    probeTimeout: formatDuration(settings.probes.timeout),
    trayIcon: desktop.trayIcon,
  };
}

/**
 * What a duration input sends: bare digits are milliseconds, other text goes as typed for the
 * schema to parse (and to name the problem when it cannot).
 */
export function durationInput(text: string): number | string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The milliseconds a duration input means, or null when it is not a duration. */
function durationMs(text: string): number | null {
  const value = durationInput(text);
  if (typeof value === 'number') return value;
  try {
    return parseDuration(value);
  } catch {
    return null;
  }
}

/** Problems the form names itself: a required number left empty. */
export function checkDraft(draft: SettingsDraft): Partial<Record<SettingsField, string>> {
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const field of ['rawDays', 'minuteDays', 'hourDays'] as const) {
    if (draft[field] === null || !Number.isFinite(draft[field])) errors[field] = 'enter a number of days';
  }
  if (draft.metricsPort === null || !Number.isInteger(draft.metricsPort))
    errors.metricsPort = 'enter a port, 0 to 65535';
  return errors;
}

/** The changed fields only, nested as the settings are; `{}` when nothing changed. */
export function buildPatch(draft: SettingsDraft, settings: Settings): Record<string, Record<string, unknown>> {
  const patch: Record<string, Record<string, unknown>> = {};
  const set = (path: string, value: unknown) => {
    const keys = path.split('.');
    let node = patch as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  };
  const base = draftFromSettings(settings);
  for (const field of ['interval', 'slowInterval'] as const) {
    const stored = field === 'interval' ? settings.sampling.interval : settings.sampling.slowInterval;
    if (durationMs(draft[field]) !== stored) set(FIELD_PATHS[field], durationInput(draft[field]));
  }
  for (const field of ['rawDays', 'minuteDays', 'hourDays', 'maxSizeMb'] as const) {
    if (draft[field] !== base[field]) set(FIELD_PATHS[field], draft[field]);
  }
  if (draft.trayMetrics.join('\n') !== base.trayMetrics.join('\n')) set(FIELD_PATHS.trayMetrics, draft.trayMetrics);
  for (const field of ['launchAtLogin', 'allowPlainTextSecrets', 'theme', 'archiveEnabled', 'logLevel'] as const) {
    if (draft[field] !== base[field]) set(FIELD_PATHS[field], draft[field]);
  }
  if (draft.archiveFolder.trim() !== base.archiveFolder)
    set(FIELD_PATHS.archiveFolder, draft.archiveFolder.trim() || null);
  for (const field of ['processesEnabled', 'trayIcon'] as const) {
    if (draft[field] !== base[field]) set(FIELD_PATHS[field], draft[field]);
  }
  const processInterval = draft.processInterval.trim();
  if (
    processInterval === ''
      ? settings.processes.interval !== null
      : durationMs(processInterval) !== settings.processes.interval
  )
    set(FIELD_PATHS.processInterval, processInterval === '' ? null : durationInput(processInterval));
  if (JSON.stringify(probeTargetsOf(draft.probeTargets)) !== JSON.stringify(probeTargetsOf(base.probeTargets)))
    set(FIELD_PATHS.probeTargets, probeTargetsOf(draft.probeTargets));
  if (durationMs(draft.probeInterval) !== settings.probes.interval)
    set(FIELD_PATHS.probeInterval, durationInput(draft.probeInterval));
  if (durationMs(draft.probeTimeout) !== settings.probes.timeout)
    set(FIELD_PATHS.probeTimeout, durationInput(draft.probeTimeout));
  return { ...patch, ...integrationsPatch(draft, settings, durationInput) };
}

/** The field an issue path belongs to (`desktop.trayMetrics.2` → trayMetrics), or null. */
export const fieldOfPath: (path: string) => SettingsField | null = fieldsByPath(FIELD_PATHS);
