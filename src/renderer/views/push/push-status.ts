/**
 * How a push target is doing, in one word for the list, and how to recognise the desktop
 * keyring refusal (src/main/desktop/settings/token-vault.ts) among save errors.
 *
 * @example
 * targetHealth({ paused: false, enabled: true, lastError: '503 Service Unavailable', nextAttempt: t, … }) // 'retrying'
 * keyringProblem(message) // 'needs-consent' when storing tokens without a keyring can be allowed
 */
import type { PushStatusResult, PushTargetStatus } from '../../../shared/push.js';

export type TargetHealth = 'paused' | 'disabled' | 'ok' | 'retrying' | 'failing';

export function targetHealth(
  status: Pick<PushTargetStatus, 'paused' | 'enabled' | 'lastError' | 'nextAttempt'> &
    Partial<Pick<PushTargetStatus, 'credentialProblem'>>,
): TargetHealth {
  if (status.paused) return 'paused';
  if (!status.enabled) return 'disabled';
  // Nothing can be sent until the credential is fixed: no retry will help.
  if (status.credentialProblem) return 'failing';
  if (status.lastError === null) return 'ok';
  // A retry is scheduled after 429/5xx/network errors; without one the last batch was refused for good.
  return status.nextAttempt !== null ? 'retrying' : 'failing';
}

/** The badge class the shared stylesheet colours. */
export function healthBadge(health: TargetHealth): 'ok' | 'warning' | 'critical' | '' {
  if (health === 'ok') return 'ok';
  if (health === 'retrying') return 'warning';
  if (health === 'failing') return 'critical';
  return '';
}

/**
 * The targets a "Push now" left with an error (one target, or every active one), as
 * `name: error`; empty when everything pending went through.
 */
export function pushFailures(result: PushStatusResult, target?: string): string[] {
  return result.targets
    .filter((t) => (target === undefined ? t.enabled && !t.paused : t.name === target))
    .filter((t) => t.lastError !== null)
    .map((t) => `${t.name}: ${t.lastError}`);
}

/** The engine's reasons for a failed send, in the words of someone who runs a server. */
const ERROR_WORDS: readonly [RegExp, string][] = [
  [/\(bad port\)/, 'This port is blocked for web requests (a "bad port" in the Fetch standard): use another port'],
  [/ECONNREFUSED/, 'Nothing is listening at that address and port (connection refused)'],
  [/ENOTFOUND|EAI_AGAIN/, 'The server name could not be found: check the URL'],
  [/EHOSTUNREACH|ENETUNREACH/, 'The server cannot be reached from this machine'],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|^timeout after/, 'The server did not answer in time'],
  [/ECONNRESET|UND_ERR_SOCKET|EPIPE/, 'The server dropped the connection'],
];

/**
 * A push error as the Push view shows it: network failures in plain words (the engine's own text
 * stays in the tooltip), anything else (an HTTP status and its excerpt) as the engine wrote it.
 */
export function pushErrorWords(message: string): string {
  return ERROR_WORDS.find(([pattern]) => pattern.test(message))?.[1] ?? message;
}

/**
 * `needs-consent`: Linux without a keyring; the token can be saved once the user allows plain-text
 * storage (`desktop.allowPlainTextSecrets`). `unavailable`: no encryption at all; consent does not help.
 */
export function keyringProblem(message: string): 'needs-consent' | 'unavailable' | null {
  if (message.includes('allowPlainTextSecrets') || message.includes('store tokens without a keyring')) {
    return 'needs-consent';
  }
  if (message.includes('no OS keyring is available')) return 'unavailable';
  return null;
}
