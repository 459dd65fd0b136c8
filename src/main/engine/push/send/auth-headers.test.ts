import { describe, expect, it } from 'vitest';
import { AuthConfigError, authHeaders, secretsOf } from './auth-headers.js';

describe('authHeaders', () => {
  it('builds each kind of header', () => {
    expect(authHeaders(null)).toEqual({});
    expect(authHeaders({ type: 'bearer', token: 'abc' })).toEqual({ authorization: 'Bearer abc' });
    expect(authHeaders({ type: 'token', token: 'abc' })).toEqual({ authorization: 'Token abc' });
    expect(authHeaders({ type: 'api-key', key: 'k1', header: 'X-API-Key' })).toEqual({ 'x-api-key': 'k1' });
    expect(authHeaders({ type: 'basic', username: 'Aladdin', password: 'open sesame' })).toEqual({
      authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', // RFC 7617's example
    });
    expect(authHeaders({ type: 'basic', username: 'ü', password: 'pw' })).toEqual({
      authorization: `Basic ${Buffer.from('ü:pw', 'utf8').toString('base64')}`,
    });
  });

  it('refuses values a header cannot carry, without quoting them', () => {
    for (const token of ['abc\ndef', 'abc\rdef', 'tökén', ' padded']) {
      const attempt = () => authHeaders({ type: 'bearer', token });
      expect(attempt).toThrow(AuthConfigError);
      expect(attempt).not.toThrow(token);
    }
    expect(() => authHeaders({ type: 'basic', username: 'a:b', password: 'x' })).toThrow(/colon/);
  });

  it('lists the secrets to scrub from server text', () => {
    expect(secretsOf({ type: 'bearer', token: 'abc' })).toEqual(['abc']);
    expect(secretsOf({ type: 'basic', username: 'u', password: 'p' })).toEqual(['p', 'dTpw']);
    expect(secretsOf(null)).toEqual([]);
  });
});
