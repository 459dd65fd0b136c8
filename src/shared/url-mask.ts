/**
 * A push URL as the edit form shows it: a user name, a password, or a secret-looking query value
 * (InfluxDB 1's `u`/`p`, `token=` …) is replaced by `***`, so a stored credential never appears
 * on screen. On save, every `***` still in place is put back from the stored URL.
 *
 * @example
 * maskUrl('https://me:pw@influx.lan/write?db=x&p=pw') // 'https://***:***@influx.lan/write?db=x&p=***'
 * unmaskUrl('https://***:***@influx2.lan/write?db=x&p=***', stored) // the stored credentials, new host
 */

export const MASK = '***';

/**
 * Query parameters that carry credentials: InfluxDB 1's `u`/`p`, and the usual token and key names.
 * Matching is by name, so a harmless parameter called `key` is hidden too; better than leaking one.
 */
export const SECRET_PARAM =
  /^(u|p|user|username|pwd|passwd|sig|key|auth)$|token|secret|password|api[-_]?key|signature|credential|authorization/i;

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** True when the URL holds something `maskUrl` would hide. */
export function hasUrlSecrets(text: string): boolean {
  return maskUrl(text) !== text;
}

/** The URL with its credentials as `***`; text that is not a URL is returned unchanged. */
export function maskUrl(text: string): string {
  const url = parse(text);
  if (!url) return text;
  let changed = false;
  if (url.username) {
    url.username = MASK;
    changed = true;
  }
  if (url.password) {
    url.password = MASK;
    changed = true;
  }
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_PARAM.test(name) && url.searchParams.get(name)) {
      url.searchParams.set(name, MASK);
      changed = true;
    }
  }
  // Re-serialising can normalise harmless parts (a trailing slash); only do it when something was hidden.
  return changed ? url.toString() : text;
}

/**
 * The URL to save: the stored one when the masked text is untouched, otherwise the edited text
 * with each `***` that stands for a stored credential replaced by it.
 */
export function unmaskUrl(edited: string, stored: string | null): string {
  const text = edited.trim();
  if (stored === null) return text;
  if (text === maskUrl(stored)) return stored;
  if (!text.includes(MASK)) return text;
  const url = parse(text);
  const original = parse(stored);
  if (!url || !original) return text;
  if (url.username === MASK && original.username) url.username = original.username;
  if (url.password === MASK && original.password) url.password = original.password;
  for (const name of new Set(url.searchParams.keys())) {
    const value = original.searchParams.get(name);
    if (url.searchParams.get(name) === MASK && value) url.searchParams.set(name, value);
  }
  return url.toString();
}
