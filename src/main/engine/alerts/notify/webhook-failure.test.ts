import { describe, expect, it } from 'vitest';
import { networkFailure, redact, safeLocation, safeTarget, statusFailure } from './webhook-failure.js';

describe('webhook failure descriptions', () => {
  it('keeps only host and path of a URL', () => {
    expect(safeTarget('https://user:pw@hooks.example.com:8443/a/b?key=secret#x')).toBe('hooks.example.com:8443/a/b');
    expect(safeLocation('/v2?key=secret', 'https://h.example.com/v1')).toBe('h.example.com/v2');
    expect(safeLocation('http://[bad', 'https://h.example.com/v1')).toBeNull();
  });

  it('removes the token from server text, even one cut off at the end', () => {
    expect(redact('echo: Bearer tok-123 and tok-123', 'tok-123')).toBe('echo: Bearer [redacted] and [redacted]');
    expect(redact('echo: Bearer tok-1', 'tok-123')).toBe('echo: Bearer ');
    expect(redact('nothing here', null)).toBe('nothing here');
  });

  it('advises by status and retries only transient ones', () => {
    expect(statusFailure(401, 'Unauthorized', '', null)).toMatchObject({
      retry: false,
      advice: expect.stringMatching(/token/),
    });
    expect(statusFailure(404, 'Not Found', '', null).advice).toMatch(/alerts\.webhook\.url/);
    expect(statusFailure(502, 'Bad Gateway', 'upstream down', null)).toMatchObject({
      retry: true,
      detail: 'HTTP 502 Bad Gateway (server said: "upstream down")',
    });
  });

  it('reads the socket error code through fetch’s wrapping', () => {
    const refused = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })]),
    });
    expect(networkFailure(refused, 5000)).toMatchObject({ code: 'ECONNREFUSED', retry: true, status: null });
    expect(networkFailure(new DOMException('timed out', 'TimeoutError'), 750).detail).toBe(
      'no response within 750 ms (timeout)',
    );
    expect(networkFailure(new Error('weird'), 5000).detail).toBe('network error: weird');
  });
});
