/**
 * Secrets in the settings: declared once in the schema, write-only everywhere else.
 *
 * A field holding a credential is declared with `secret()` (the whole value is the secret) or
 * `secretUrl()` (an http(s) URL whose user, password and credential-looking query values are the
 * secret). Every interface follows from that declaration, by walking the schema with the value:
 *
 * - reads (`getSettings` over IPC and HTTP, the CLI) carry a marker instead of the value:
 *   `{ "set": true, "last4": "…" }` (or `{ "set": true, "env": "NAME" }` for a reference), and URLs
 *   with their credentials as `***`;
 * - writes keep the stored value wherever a marker (or, inside a list item, nothing) is sent back:
 *   `mergeSettings` restores it, matching list items by their key (a push target by its name);
 *   `null` clears a field that may be empty, a new value replaces it;
 * - the shells seal and open the values at rest, and the engine opens one only where it is sent.
 *
 * A stored secret is text (in clear, or sealed by the desktop app as `enc:v1:…`) or a reference to
 * where the headless engine finds it: `{ "env": "NAME" }` or `{ "file": "/absolute/path" }`.
 *
 * @example
 * const auth = z.strictObject({ type: z.literal('bearer'), token: secret() });
 * redactSecrets(auth, { type: 'bearer', token: 'abcd-1234-efgh-5678' }); // token → { set: true, last4: '5678' }
 * keepSecrets(auth, { type: 'bearer', token: { set: true, last4: '5678' } }, stored); // the stored token back
 */
import { maskUrl, unmaskUrl } from './url-mask.js';
import { z } from './validation.js';

/** Where the headless engine reads a secret that is not kept in config.json. */
export type SecretRef = { readonly env: string } | { readonly file: string };

/** What reads return in place of a secret. */
export interface SecretMarker {
  readonly set: true;
  /** The last four characters, for secrets of 12 characters or more (never more than a third). */
  readonly last4: string | null;
  /** The secret comes from this environment variable or file (a reference, not the value). */
  readonly env?: string;
  readonly file?: string;
}

/** A secret field's value: the stored text, a reference, or (in and out of the contract) a marker. */
export type Secret = string | SecretRef | SecretMarker;

/** `T` with every secret opened to its text: what the engine builds just before sending. */
export type Clear<T> = T extends string
  ? T
  : T extends SecretRef | SecretMarker
    ? string
    : T extends object
      ? { [K in keyof T]: Clear<T[K]> }
      : T;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function isSecretMarker(value: unknown): value is SecretMarker {
  return isObject(value) && value.set === true;
}

export function isSecretRef(value: unknown): value is SecretRef {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (typeof value.env === 'string' || typeof value.file === 'string');
}

const SECRET_SCHEMAS = new WeakSet<object>();
const SECRET_URLS = new WeakSet<object>();
const LIST_KEYS = new WeakMap<object, string>();

const SECRET_SHAPE = 'must be text, { "env": "NAME" } or { "file": "/absolute/path" }';

/**
 * A credential: text (non-empty unless `allowEmpty`, as a basic-auth password may be; at least
 * `minLength` characters when given), or a reference; a marker stands for "the stored one".
 */
export function secret(options: { readonly allowEmpty?: boolean; readonly minLength?: number } = {}) {
  const schema = z.pipe(
    z.unknown(),
    z.transform((value: unknown, ctx): Secret => {
      const fail = (message: string) => {
        ctx.issues.push({ code: 'custom', message, input: value });
        return z.NEVER;
      };
      if (typeof value === 'string') {
        if (value === '' && !options.allowEmpty) return fail('must not be empty');
        // Sealed text (enc:v1:…) is longer than what it holds: only text typed in clear is measured.
        const short =
          options.minLength !== undefined && !value.startsWith('enc:v1:') && value.length < options.minLength;
        return short ? fail(`must be at least ${options.minLength} characters`) : value;
      }
      if (isSecretMarker(value)) return { ...value };
      if (!isSecretRef(value)) return fail(SECRET_SHAPE);
      if ('env' in value)
        return ENV_NAME.test(value.env) ? { env: value.env } : fail('env must name a variable: letters, digits and _');
      return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value.file)
        ? { file: value.file }
        : fail('file must be an absolute path, e.g. /etc/dashlight/token');
    }),
  );
  SECRET_SCHEMAS.add(schema);
  return schema;
}

/** An absolute http:// or https:// URL whose credentials are secret. */
export function secretUrl() {
  const schema = z.string().check(
    z.refine(
      (text) => {
        try {
          return ['http:', 'https:'].includes(new URL(text).protocol);
        } catch {
          return false;
        }
      },
      { message: 'must be an http:// or https:// URL' },
    ),
  );
  SECRET_URLS.add(schema);
  return schema;
}

/** Marks `array` as a list whose items are matched by `key` when secrets are kept (see uniqueListOf). */
export function keyedList<T extends z.ZodMiniType>(array: T, key: string): T {
  LIST_KEYS.set(array, key);
  return array;
}

type Path = readonly (string | number)[];
/** Called at each secret in the value; returns what goes there instead. */
type Visit = (kind: 'value' | 'url', value: unknown, previous: unknown, path: Path) => unknown;

type AnyDef = {
  type: string;
  innerType?: z.ZodMiniType;
  in?: z.ZodMiniType;
  shape?: Record<string, z.ZodMiniType>;
  element?: z.ZodMiniType;
  options?: z.ZodMiniType[];
  discriminator?: string;
  values?: unknown[];
  getter?: () => z.ZodMiniType;
};
const defOf = (schema: z.ZodMiniType): AnyDef => (schema as unknown as { _zod: { def: AnyDef } })._zod.def;
const WRAPPERS = new Set(['prefault', 'default', 'nullable', 'optional', 'readonly', 'catch', 'nonoptional']);

/** A schema without its default/nullable/optional wrappers. */
function unwrap(schema: z.ZodMiniType): z.ZodMiniType {
  let current = schema;
  for (let def = defOf(current); WRAPPERS.has(def.type) && def.innerType; def = defOf(current)) current = def.innerType;
  return current;
}

function walk(schema: z.ZodMiniType, value: unknown, previous: unknown, visit: Visit, path: Path): unknown {
  if (SECRET_SCHEMAS.has(schema)) {
    // null clears; nothing at all is a secret only where one was stored (keepSecrets).
    const skip = value === null || (value === undefined && previous === undefined);
    return skip ? value : visit('value', value, previous, path);
  }
  if (SECRET_URLS.has(schema)) return typeof value === 'string' ? visit('url', value, previous, path) : value;
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) return walk(def.innerType, value, previous, visit, path);
  switch (def.type) {
    case 'pipe':
      return walk(def.in!, value, previous, visit, path);
    case 'lazy':
      return walk(def.getter!(), value, previous, visit, path);
    case 'object':
      return walkObject(def.shape!, value, previous, visit, path);
    case 'array':
      return walkArray(schema, def.element!, value, previous, visit, path);
    case 'union':
      return walkUnion(def, value, previous, visit, path);
    default:
      return value;
  }
}

function walkObject(
  shape: Record<string, z.ZodMiniType>,
  value: unknown,
  previous: unknown,
  visit: Visit,
  path: Path,
): unknown {
  if (!isObject(value)) return value;
  const before = isObject(previous) ? previous : {};
  const out: Record<string, unknown> = { ...value };
  for (const [key, field] of Object.entries(shape)) {
    const present = Object.prototype.hasOwnProperty.call(value, key);
    // A secret left out of a replaced list item is kept too: only a new value or null changes one.
    const absentSecret = !present && SECRET_SCHEMAS.has(unwrap(field)) && before[key] !== undefined;
    if (!present && !absentSecret) continue;
    const next = walk(field, value[key], before[key], visit, [...path, key]);
    if (present || next !== undefined) out[key] = next;
  }
  return out;
}

function walkArray(
  schema: z.ZodMiniType,
  element: z.ZodMiniType,
  value: unknown,
  previous: unknown,
  visit: Visit,
  path: Path,
): unknown {
  if (!Array.isArray(value)) return value;
  const before = Array.isArray(previous) ? previous : [];
  const key = LIST_KEYS.get(schema);
  return value.map((item, index) => {
    // Items are matched by key where the list has one, so a reorder or a removal keeps each secret with its owner.
    const match =
      key === undefined
        ? before[index]
        : before.find((old) => isObject(old) && isObject(item) && old[key] !== undefined && old[key] === item[key]);
    return walk(element, item, match, visit, [...path, index]);
  });
}

function walkUnion(def: AnyDef, value: unknown, previous: unknown, visit: Visit, path: Path): unknown {
  const options = def.options ?? [];
  if (def.discriminator !== undefined && isObject(value)) {
    const tag = value[def.discriminator];
    const chosen = options.find((option) => {
      const field = defOf(unwrap(option)).shape?.[def.discriminator!];
      return field !== undefined && (defOf(field).values ?? []).includes(tag);
    });
    return chosen ? walk(chosen, value, previous, visit, path) : value;
  }
  return options.reduce<unknown>((current, option) => walk(option, current, previous, visit, path), value);
}

/** The last four characters a marker may show: only of a secret of 12 or more, never more than a third. */
export function last4(text: string): string | null {
  return text.length >= 12 ? text.slice(-4) : null;
}

/**
 * The value as every interface shows it: each secret replaced by a marker, each secret URL masked.
 * `last4Of` finds the last four characters of a stored secret (the engine's opens a sealed one).
 */
export function redactSecrets<T>(
  schema: z.ZodMiniType,
  value: T,
  last4Of: (stored: string) => string | null = last4,
): T {
  return walk(
    schema,
    value,
    undefined,
    (kind, secretValue) => {
      if (kind === 'url') return maskUrl(secretValue as string);
      if (isSecretMarker(secretValue)) return secretValue;
      if (isSecretRef(secretValue)) return { set: true, last4: null, ...secretValue };
      return { set: true, last4: last4Of(secretValue as string) } satisfies SecretMarker;
    },
    [],
  ) as T;
}

/**
 * `next` with every marker (and every secret left out of a list item) replaced by the value stored
 * at the same place in `previous`, and every `***` of a secret URL by the stored credential. A
 * marker with nothing stored behind it stays, for `findMarkers` to report.
 */
export function keepSecrets<T>(schema: z.ZodMiniType, next: T, previous: unknown): T {
  return walk(
    schema,
    next,
    previous,
    (kind, value, stored) => {
      if (kind === 'url') return typeof stored === 'string' ? unmaskUrl(value as string, stored) : value;
      const keep = value === undefined || isSecretMarker(value);
      return keep && stored !== undefined && stored !== null && !isSecretMarker(stored) ? stored : value;
    },
    [],
  ) as T;
}

/** Applies `map` to every stored secret (text or reference), e.g. to seal or open it. */
export function mapSecrets<T>(
  schema: z.ZodMiniType,
  value: T,
  map: (stored: string | SecretRef, path: string) => Secret,
): T {
  return walk(
    schema,
    value,
    undefined,
    (kind, secretValue, _previous, path) =>
      kind === 'url' || isSecretMarker(secretValue)
        ? secretValue
        : map(secretValue as string | SecretRef, dotted(path)),
    [],
  ) as T;
}

/** The dotted paths of markers that had no stored secret to stand for. */
export function findMarkers(schema: z.ZodMiniType, value: unknown): string[] {
  const found: string[] = [];
  walk(
    schema,
    value,
    undefined,
    (kind, secretValue, _previous, path) => {
      if (kind === 'value' && isSecretMarker(secretValue)) found.push(dotted(path));
      return secretValue;
    },
    [],
  );
  return found;
}

export const MARKER_WITHOUT_SECRET = 'no stored secret to keep here: enter the value';

function dotted(path: Path): string {
  return path.map(String).join('.') || '(root)';
}
