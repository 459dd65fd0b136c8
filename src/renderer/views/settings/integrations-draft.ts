/**
 * The Settings form's fields for the Prometheus endpoint and MQTT, and their part of the patch.
 * Secrets (the scrape token and password, the broker password) are write-only: their inputs start
 * empty whatever is stored, an empty input keeps the stored secret, and removing one is explicit.
 *
 * @example
 * const draft = integrationsDraft(settings);
 * draft.mqttPassword = 'new-pass';
 * integrationsPatch(draft, settings) // { mqtt: { password: 'new-pass' } }
 */
import type { Settings } from '../../../shared/settings.js';
import { formatDuration } from '../../../shared/time.js';

export type ScrapeAuthKind = 'none' | 'bearer' | 'basic';

export interface IntegrationsDraft {
  metricsEnabled: boolean;
  metricsHost: string;
  metricsPort: number | null;
  metricsAuth: ScrapeAuthKind;
  /** Write-only: empty keeps the stored token. */
  metricsToken: string;
  metricsUser: string;
  /** Write-only: empty keeps the stored password. */
  metricsPassword: string;
  mqttEnabled: boolean;
  mqttUrl: string;
  mqttUsername: string;
  /** Write-only: empty keeps the stored password. */
  mqttPassword: string;
  /** Remove the stored broker password on save. */
  mqttClearPassword: boolean;
  mqttTopicPrefix: string;
  mqttDiscovery: boolean;
  mqttDiscoveryPrefix: string;
  mqttInterval: string;
  mqttQos: 0 | 1 | 2;
  mqttRetain: boolean;
  mqttNodeId: string;
  mqttSeries: string[];
  mqttCa: string;
  mqttVerify: boolean;
}

export type IntegrationsField = keyof IntegrationsDraft;

/** Where each field lives; the credential's parts before the credential, as the first match wins. */
export const INTEGRATION_FIELD_PATHS: Readonly<Record<IntegrationsField, string>> = {
  metricsEnabled: 'prometheus.enabled',
  metricsHost: 'prometheus.host',
  metricsPort: 'prometheus.port',
  metricsToken: 'prometheus.auth.token',
  metricsUser: 'prometheus.auth.username',
  metricsPassword: 'prometheus.auth.password',
  metricsAuth: 'prometheus.auth',
  mqttEnabled: 'mqtt.enabled',
  mqttUrl: 'mqtt.url',
  mqttUsername: 'mqtt.username',
  mqttPassword: 'mqtt.password',
  mqttClearPassword: 'mqtt.password.clear',
  mqttTopicPrefix: 'mqtt.topicPrefix',
  mqttDiscovery: 'mqtt.discovery',
  mqttDiscoveryPrefix: 'mqtt.discoveryPrefix',
  mqttInterval: 'mqtt.interval',
  mqttQos: 'mqtt.qos',
  mqttRetain: 'mqtt.retain',
  mqttNodeId: 'mqtt.nodeId',
  mqttSeries: 'mqtt.series',
  mqttCa: 'mqtt.tls.ca',
  mqttVerify: 'mqtt.tls.verify',
};

/** The series offered as checkboxes; a per-entity metric without entity means every entity. */
export const MQTT_SERIES_CHOICES = [
  'cpu.total',
  'cpu.user',
  'cpu.system',
  'load.1',
  'mem.percent',
  'mem.used',
  'swap.percent',
  'net.rx',
  'net.tx',
  'disk.read',
  'disk.write',
  'fs.used_pct',
  'disk.used_pct',
  'temp.cpu',
  'battery.percent',
  'battery.charging',
  'gpu.util',
] as const;

export function integrationsDraft(settings: Settings): IntegrationsDraft {
  const { prometheus, mqtt } = settings;
  return {
    metricsEnabled: prometheus.enabled,
    metricsHost: prometheus.host,
    metricsPort: prometheus.port,
    metricsAuth: prometheus.auth?.type ?? 'none',
    metricsToken: '',
    metricsUser: prometheus.auth?.type === 'basic' ? prometheus.auth.username : '',
    metricsPassword: '',
    mqttEnabled: mqtt.enabled,
    mqttUrl: mqtt.url,
    mqttUsername: mqtt.username ?? '',
    mqttPassword: '',
    mqttClearPassword: false,
    mqttTopicPrefix: mqtt.topicPrefix,
    mqttDiscovery: mqtt.discovery,
    mqttDiscoveryPrefix: mqtt.discoveryPrefix,
    mqttInterval: formatDuration(mqtt.interval),
    mqttQos: mqtt.qos,
    mqttRetain: mqtt.retain,
    mqttNodeId: mqtt.nodeId ?? '',
    mqttSeries: [...mqtt.series],
    mqttCa: mqtt.tls.ca ?? '',
    mqttVerify: mqtt.tls.verify,
  };
}

/** The scrape credential to save, or undefined to keep what is stored. */
function scrapeAuth(draft: IntegrationsDraft, stored: Settings['prometheus']['auth']): unknown {
  switch (draft.metricsAuth) {
    case 'none':
      return stored === null ? undefined : null;
    case 'bearer':
      if (draft.metricsToken === '' && stored?.type === 'bearer') return undefined;
      return { type: 'bearer', token: draft.metricsToken };
    case 'basic': {
      const keep = stored?.type === 'basic';
      if (draft.metricsPassword === '' && keep && draft.metricsUser === stored.username) return undefined;
      // A new user name with the stored password: the stored value goes back as it was read.
      const password = draft.metricsPassword === '' && keep ? stored.password : draft.metricsPassword;
      return { type: 'basic', username: draft.metricsUser, password };
    }
  }
}

/** The changed integration fields, as a settings patch (`{}` when nothing changed). */
export function integrationsPatch(
  draft: IntegrationsDraft,
  settings: Settings,
  durationInput: (text: string) => number | string,
): Record<string, Record<string, unknown>> {
  const base = integrationsDraft(settings);
  const prometheus: Record<string, unknown> = {};
  const mqtt: Record<string, unknown> = {};
  if (draft.metricsEnabled !== base.metricsEnabled) prometheus.enabled = draft.metricsEnabled;
  if (draft.metricsHost.trim() !== base.metricsHost) prometheus.host = draft.metricsHost.trim();
  if (draft.metricsPort !== base.metricsPort) prometheus.port = draft.metricsPort;
  const auth = scrapeAuth(draft, settings.prometheus.auth);
  if (auth !== undefined) prometheus.auth = auth;
  const same = <K extends IntegrationsField>(field: K) => draft[field] === base[field];
  if (!same('mqttEnabled')) mqtt.enabled = draft.mqttEnabled;
  if (draft.mqttUrl.trim() !== base.mqttUrl) mqtt.url = draft.mqttUrl.trim();
  if (draft.mqttUsername.trim() !== base.mqttUsername) mqtt.username = draft.mqttUsername.trim() || null;
  if (draft.mqttClearPassword) mqtt.password = null;
  else if (draft.mqttPassword !== '') mqtt.password = draft.mqttPassword;
  for (const [field, key] of [
    ['mqttTopicPrefix', 'topicPrefix'],
    ['mqttDiscoveryPrefix', 'discoveryPrefix'],
  ] as const) {
    if (draft[field].trim() !== base[field]) mqtt[key] = draft[field].trim();
  }
  if (!same('mqttDiscovery')) mqtt.discovery = draft.mqttDiscovery;
  if (draft.mqttInterval.trim() !== base.mqttInterval) mqtt.interval = durationInput(draft.mqttInterval);
  if (!same('mqttQos')) mqtt.qos = Number(draft.mqttQos);
  if (!same('mqttRetain')) mqtt.retain = draft.mqttRetain;
  if (draft.mqttNodeId.trim() !== base.mqttNodeId) mqtt.nodeId = draft.mqttNodeId.trim() || null;
  if (draft.mqttSeries.join('\n') !== base.mqttSeries.join('\n')) mqtt.series = draft.mqttSeries;
  if (draft.mqttCa.trim() !== base.mqttCa || !same('mqttVerify'))
    mqtt.tls = { ...settings.mqtt.tls, ca: draft.mqttCa.trim() || null, verify: draft.mqttVerify };
  return {
    ...(Object.keys(prometheus).length > 0 ? { prometheus } : {}),
    ...(Object.keys(mqtt).length > 0 ? { mqtt } : {}),
  };
}
