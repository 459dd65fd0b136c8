import { describe, expect, it } from 'vitest';
import type { PushTargetStatus } from '../../../shared/push.js';
import { keyringProblem, pushErrorWords, pushFailures, targetHealth } from './push-status.js';

const base = { paused: false, enabled: true, lastError: null, nextAttempt: null };

describe('targetHealth', () => {
  it('names the state from pause, enablement, the last error and a scheduled retry', () => {
    expect(targetHealth(base)).toBe('ok');
    expect(targetHealth({ ...base, paused: true, lastError: 'x' })).toBe('paused');
    expect(targetHealth({ ...base, enabled: false })).toBe('disabled');
    expect(targetHealth({ ...base, lastError: '503 Service Unavailable', nextAttempt: 5 })).toBe('retrying');
    expect(targetHealth({ ...base, lastError: '400 Bad Request' })).toBe('failing');
  });
});

describe('pushFailures', () => {
  it('names the targets a push left failing, skipping paused and disabled ones for "all"', () => {
    const t = (name: string, over: Partial<PushTargetStatus>) => ({ ...base, name, ...over }) as PushTargetStatus;
    const result = {
      targets: [
        t('a', { lastError: '503 Service Unavailable' }),
        t('b', {}),
        t('c', { paused: true, lastError: 'x' }),
        t('d', { enabled: false, lastError: 'y' }),
      ],
    };
    expect(pushFailures(result)).toEqual(['a: 503 Service Unavailable']);
    expect(pushFailures(result, 'b')).toEqual([]);
    expect(pushFailures(result, 'c')).toEqual(['c: x']);
  });
});

describe('keyringProblem', () => {
  it('tells the consent case from the no-encryption case', () => {
    expect(
      keyringProblem('… confirm "store tokens without a keyring" in settings (desktop.allowPlainTextSecrets) …'),
    ).toBe('needs-consent');
    expect(keyringProblem('cannot store the push token: no OS keyring is available to encrypt it')).toBe('unavailable');
    expect(keyringProblem('disk full')).toBeNull();
  });
});

describe('pushErrorWords', () => {
  it('says what a network failure means, and leaves HTTP refusals as they are', () => {
    expect(pushErrorWords('network error (bad port)')).toBe(
      'This port is blocked for web requests (a "bad port" in the Fetch standard): use another port',
    );
    expect(pushErrorWords('connection refused (ECONNREFUSED)')).toBe(
      'Nothing is listening at that address and port (connection refused)',
    );
    expect(pushErrorWords('host not found (ENOTFOUND)')).toBe('The server name could not be found: check the URL');
    expect(pushErrorWords('timeout after 30000 ms')).toBe('The server did not answer in time');
    expect(pushErrorWords('503 Service Unavailable: try later')).toBe('503 Service Unavailable: try later');
  });
});
