/**
 * The push target edit form as plain data, and the conversions to and from the settings schema
 * (src/shared/push-settings.ts). The engine never sends a stored secret: the settings hold a
 * marker in its place (`{ set: true, last4 }`, src/shared/secrets.ts), and URLs come with their
 * credentials as `***`. An empty token field sends the marker back, which keeps the stored one.
 *
 * @example
 * const draft = draftFromTarget(stored);        // draft.secret === ''
 * const target = targetFromDraft(draft, stored); // target.auth.token is stored.auth.token: the marker
 */
import type { PushAuth, PushTarget, PushTargetInput } from '../../../shared/push-settings.js';
import { isSecretMarker, type SecretMarker } from '../../../shared/secrets.js';
import { formatDuration } from '../../../shared/time.js';
import { maskUrl, unmaskUrl } from '../../../shared/url-mask.js';

export type AuthType = 'none' | NonNullable<PushAuth>['type'];

export interface TargetDraft {
  name: string;
  kind: PushTarget['kind'];
  url: string;
  authType: AuthType;
  /** The token, API key or password typed now; '' keeps the stored one. */
  secret: string;
  header: string;
  username: string;
  influxVersion: 1 | 2;
  db: string;
  org: string;
  bucket: string;
  measurement: string;
  /** null: the schema's default. */
  batchSize: number | null;
  /** Duration text (`60s`, `5m`) or milliseconds. */
  interval: string;
  timeout: string;
  gzip: boolean;
  start: PushTarget['start'];
  enabled: boolean;
}

export type DraftField = keyof TargetDraft;

export const KINDS: readonly { value: PushTarget['kind']; label: string }[] = [
  { value: 'http-json', label: 'JSON over HTTP' },
  { value: 'influx', label: 'InfluxDB line protocol' },
  { value: 'otlp', label: 'OpenTelemetry (OTLP/HTTP)' },
];

export const AUTH_TYPES: readonly { value: AuthType; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'bearer', label: 'Bearer token' },
  { value: 'api-key', label: 'API key header' },
  { value: 'token', label: 'InfluxDB token' },
  { value: 'basic', label: 'User name and password' },
];

/** Schema fields that are form fields of the same name. */
const TOP_LEVEL = ['name', 'kind', 'url', 'batchSize', 'interval', 'timeout', 'gzip', 'start', 'enabled'] as const;

const SECRET_FIELD = { bearer: 'token', token: 'token', 'api-key': 'key', basic: 'password' } as const;

/** What the secret input is called for an auth scheme. */
export function secretLabel(type: AuthType): string {
  if (type === 'api-key') return 'API key';
  if (type === 'basic') return 'Password';
  return 'Token';
}

/** The marker of the stored secret that an empty input keeps, or null when there is none for this scheme. */
export function storedSecret(type: AuthType, stored: PushAuth | undefined): SecretMarker | null {
  if (type === 'none' || !stored) return null;
  const value = (stored as Record<string, unknown>)[SECRET_FIELD[type]];
  return isSecretMarker(value) ? value : null;
}

/** How the form describes a stored secret without showing it: where it comes from, or how it ends. */
export function describeStored(marker: SecretMarker): string {
  if (marker.env !== undefined) return `read from the environment variable ${marker.env}`;
  if (marker.file !== undefined) return `read from the file ${marker.file}`;
  return marker.last4 === null ? 'stored' : `stored, ending in …${marker.last4}`;
}

export function emptyDraft(): TargetDraft {
  return {
    name: '',
    kind: 'http-json',
    url: '',
    authType: 'none',
    secret: '',
    header: 'X-API-Key',
    username: '',
    influxVersion: 1,
    db: 'dashlight',
    org: '',
    bucket: '',
    measurement: 'dashlight',
    batchSize: null,
    interval: '1m',
    timeout: '30s',
    gzip: true,
    start: 'oldest',
    enabled: true,
  };
}

/** A stored target as the form shows it: no secrets, credentials in the URL masked. */
export function draftFromTarget(target: PushTarget): TargetDraft {
  const auth = target.auth;
  return {
    name: target.name,
    kind: target.kind,
    url: maskUrl(target.url),
    authType: auth?.type ?? 'none',
    secret: '',
    header: auth?.type === 'api-key' ? auth.header : 'X-API-Key',
    username: auth?.type === 'basic' ? auth.username : '',
    influxVersion: target.influx.version,
    db: target.influx.db,
    org: target.influx.org ?? '',
    bucket: target.influx.bucket ?? '',
    measurement: target.influx.measurement,
    batchSize: target.batchSize,
    interval: formatDuration(target.interval),
    timeout: formatDuration(target.timeout),
    gzip: target.gzip,
    start: target.start,
    enabled: target.enabled,
  };
}

/** Bare digits are milliseconds; anything else is duration text for the schema to parse. */
function duration(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function authFrom(draft: TargetDraft, stored: PushAuth | undefined): PushAuth {
  const secret = draft.secret !== '' ? draft.secret : (storedSecret(draft.authType, stored) ?? '');
  switch (draft.authType) {
    case 'none':
      return null;
    case 'bearer':
      return { type: 'bearer', token: secret };
    case 'token':
      return { type: 'token', token: secret };
    case 'api-key':
      return { type: 'api-key', key: secret, header: draft.header.trim() || 'X-API-Key' };
    case 'basic':
      return { type: 'basic', username: draft.username, password: secret };
  }
}

/** The target to save or test; `stored` is the saved version being edited (its secrets are kept). */
export function targetFromDraft(draft: TargetDraft, stored?: PushTarget): PushTargetInput {
  const target: PushTargetInput = {
    name: draft.name.trim(),
    kind: draft.kind,
    url: unmaskUrl(draft.url, stored?.url ?? null),
    auth: authFrom(draft, stored?.auth),
    influx: {
      version: draft.influxVersion,
      db: draft.db.trim(),
      org: draft.org.trim() || null,
      bucket: draft.bucket.trim() || null,
      measurement: draft.measurement.trim(),
    },
    gzip: draft.gzip,
    start: draft.start,
    enabled: draft.enabled,
  };
  if (draft.batchSize !== null && Number.isFinite(draft.batchSize)) target.batchSize = draft.batchSize;
  const interval = duration(draft.interval);
  if (interval !== undefined) target.interval = interval;
  const timeout = duration(draft.timeout);
  if (timeout !== undefined) target.timeout = timeout;
  return target;
}

/** Problems the form can name before asking the engine: a required secret that was never entered. */
export function checkDraft(draft: TargetDraft, stored?: PushTarget): Partial<Record<DraftField, string>> {
  const errors: Partial<Record<DraftField, string>> = {};
  const needsSecret = draft.authType === 'bearer' || draft.authType === 'token' || draft.authType === 'api-key';
  if (needsSecret && draft.secret === '' && storedSecret(draft.authType, stored?.auth) === null) {
    errors.secret = `enter the ${secretLabel(draft.authType).toLowerCase()}`;
  }
  return errors;
}

/** Which form field a target-relative issue path (`url`, `auth.token`, `influx.db`) belongs to. */
export function fieldOfPath(path: string): DraftField | null {
  switch (path) {
    case 'auth':
    case 'auth.type':
      return 'authType';
    case 'auth.token':
    case 'auth.key':
    case 'auth.password':
      return 'secret';
    case 'auth.header':
      return 'header';
    case 'auth.username':
      return 'username';
    case 'influx.version':
      return 'influxVersion';
    case 'influx.db':
    case 'influx.org':
    case 'influx.bucket':
    case 'influx.measurement':
      return path.slice('influx.'.length) as DraftField;
    default:
      return (TOP_LEVEL as readonly string[]).includes(path) ? (path as DraftField) : null;
  }
}
