// @ts-check
/**
 * Turns a failed Electron download into one message a user can act on: what failed (refused,
 * unresolvable or blocked host, an HTTP error, a checksum that does not match), how to point
 * Electron at a mirror or at a local copy, and the headless alternative.
 *
 * @example
 * try { … } catch (error) {
 *   throw new ElectronUnavailable(unavailableMessage({ version: '45.4.1', target: 'linux-x64', what: whatFailed(error) }));
 * }
 */

/** Thrown when no Electron binary can be had; its message is the whole text for the user. */
export class ElectronUnavailable extends Error {
  /** @override */
  name = 'ElectronUnavailable';
}

/** A download that failed, with the URL it was for (fetch's own errors do not carry it). */
export class DownloadError extends Error {
  /** @override */
  name = 'DownloadError';
  /**
   * @param {string} url
   * @param {unknown} cause
   */
  constructor(url, cause) {
    super(`downloading ${url} failed`, { cause });
    this.url = url;
  }
}

/** Network error codes, from Node's sockets and undici, in words. @type {Record<string, (host: string) => string>} */
const NETWORK = {
  ECONNREFUSED: (host) => `the connection to ${host} was refused`,
  ENOTFOUND: (host) => `${host} could not be resolved (no network, or no DNS)`,
  EAI_AGAIN: (host) => `${host} could not be resolved (no network, or no DNS)`,
  ETIMEDOUT: (host) => `the connection to ${host} timed out`,
  UND_ERR_CONNECT_TIMEOUT: (host) => `the connection to ${host} timed out`,
  ENETUNREACH: (host) => `${host} is unreachable (no network)`,
  EHOSTUNREACH: (host) => `${host} is unreachable (no network)`,
  ECONNRESET: (host) => `the connection to ${host} was cut (a proxy or firewall may block it)`,
  UND_ERR_SOCKET: (host) => `the connection to ${host} was cut (a proxy or firewall may block it)`,
};

/** TLS codes that mean "this certificate is not trusted here", e.g. behind an inspecting proxy. */
const TLS = /^(CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_TLS_)/;

/**
 * What went wrong, in one sentence without a stack.
 * @param {unknown} error
 * @returns {string}
 */
export function whatFailed(error) {
  const url = error instanceof DownloadError ? error.url : null;
  const inner = error instanceof DownloadError ? error.cause : error;
  const host = url ? new URL(url).host : 'the download host';
  const where = url ? ` (${url})` : '';
  const response = /** @type {{ response?: { status?: number; statusText?: string } }} */ (inner ?? {}).response;
  if (response?.status !== undefined) {
    const status = `${response.status} ${response.statusText ?? ''}`.trim();
    const hint = response.status === 404 ? '; check ELECTRON_MIRROR and ELECTRON_CUSTOM_DIR' : '';
    return `${url ?? host} answered ${status}${hint}`;
  }
  const name = /** @type {{ constructor?: { name?: string } }} */ (inner ?? {}).constructor?.name;
  const file = /** @type {{ filename?: string }} */ (inner ?? {}).filename;
  if (name === 'ChecksumMismatchError')
    return `${file ?? 'the archive'} does not match its published SHA-256 checksum (a broken download or a tampered mirror); nothing was unpacked`;
  if (name === 'NoChecksumFoundError') return `the checksum list has no entry for ${file ?? 'the archive'}`;
  if (name === 'ChecksumParseError') return `the checksum list could not be read: ${messageOf(inner)}`;
  const code = errorCode(inner);
  const words = code ? NETWORK[code] : undefined;
  if (words) return words(host) + where;
  if (code && TLS.test(code))
    return `the TLS certificate of ${host} was refused (${code}); behind a proxy that inspects TLS, point NODE_EXTRA_CA_CERTS at its certificate${where}`;
  return `${messageOf(inner)}${code ? ` (${code})` : ''}${where}`;
}

/**
 * The message printed when Electron cannot be had.
 * @param {{ version: string; target: string; what: string }} details
 */
export function unavailableMessage({ version, target, what }) {
  return [
    `dashlight: could not download Electron ${version} for ${target}, which the tray app needs (once; it is cached after).`,
    `  What failed: ${what}.`,
    '  To use a mirror, set ELECTRON_MIRROR to its URL (and ELECTRON_CUSTOM_DIR if its folders are not named v<version>).',
    '  To use a copy you already have, set ELECTRON_OVERRIDE_DIST_PATH to the folder that holds the Electron executable.',
    '  Or run Dashlight headless, with the dashboard in your browser: npx dashlight run --serve   (see README.md, "Headless mode")',
  ].join('\n');
}

/**
 * The first error code in a cause chain; fetch wraps socket errors as `TypeError('fetch failed')`
 * with the real one as its cause, sometimes an AggregateError of one per address.
 * @param {unknown} error
 * @returns {string | null}
 */
function errorCode(error) {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause, errors } = /** @type {{ code?: unknown; cause?: unknown; errors?: unknown[] }} */ (current);
    if (typeof code === 'string') return code;
    current = cause ?? errors?.[0];
  }
  return null;
}

/** @param {unknown} error */
function messageOf(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
