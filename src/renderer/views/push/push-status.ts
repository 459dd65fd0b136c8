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
  status: Pick<PushTargetStatus, 'paused' | 'enabled' | 'lastError' | 'nextAttempt'>,
): TargetHealth {
  if (status.paused) return 'paused';
  if (!status.enabled) return 'disabled';
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
