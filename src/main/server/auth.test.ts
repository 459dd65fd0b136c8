import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_COOKIE_PREFIX, UNAUTHORIZED_MESSAGE, cookieValues, tokenCookieName } from './auth.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { bearer, request, startTestServer, tempDir } from './test-support.js';

const json = { 'Content-Type': 'application/json' };

describe('web server auth', () => {
  it('answers 401 without a token, with the envelope, WWW-Authenticate and the security headers', async () => {
    const { server, engine } = await startTestServer();
    const reply = await request(server.port, '/api/status', { method: 'POST', headers: json });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer');
    expect(reply.json()).toEqual({ ok: false, error: { name: 'UnauthorizedError', message: UNAUTHORIZED_MESSAGE } });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(reply.headers[name.toLowerCase()]).toBe(value);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(engine.status).not.toHaveBeenCalled();
  });

  it('refuses a wrong token, in every place a token can be given', async () => {
    const { server } = await startTestServer();
    const wrong = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const tries = [
      request(server.port, '/api/status', { method: 'POST', headers: { ...json, Authorization: `Bearer ${wrong}` } }),
      request(server.port, '/api/status', {
        method: 'POST',
        headers: { ...json, Cookie: `${tokenCookieName(server.token)}=${wrong}` },
      }),
      request(server.port, '/api/status', {
        method: 'POST',
        headers: { ...json, Authorization: `Bearer ${server.token}x` },
      }),
      request(server.port, `/?token=${wrong}`),
      request(server.port, `/api/events?token=${server.token}`),
      request(server.port, '/index.html'),
    ];
    for (const reply of await Promise.all(tries)) expect(reply.status).toBe(401);
  });

  it('accepts the token as a bearer token and as the cookie', async () => {
    const { server } = await startTestServer();
    const viaBearer = await request(server.port, '/api/status', {
      method: 'POST',
      headers: { ...json, ...bearer(server) },
    });
    expect(viaBearer.status).toBe(200);
    const viaCookie = await request(server.port, '/api/status', {
      method: 'POST',
      headers: {
        ...json,
        Cookie: `theme=dark; ${tokenCookieName(server.token)}=stale; ${tokenCookieName(server.token)}=${server.token}`,
      },
    });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.json()).toEqual({ ok: true, value: { method: 'status', input: null } });
  });

  it('swaps ?token= on / for an HttpOnly SameSite=Strict cookie and a 303 to the URL without it', async () => {
    const { server } = await startTestServer();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    const reply = await request(server.port, `/?view=cpu&token=${server.token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/?view=cpu');
    expect(reply.headers['set-cookie']).toEqual([
      `${tokenCookieName(server.token)}=${server.token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    const bare = await request(server.port, `/?token=${server.token}`);
    expect(bare.headers.location).toBe('/');
  });

  it('shows a browser a small HTML page with the same advice', async () => {
    const { server } = await startTestServer();
    const reply = await request(server.port, '/', { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['www-authenticate']).toBe('Bearer');
    expect(reply.body).toContain('open the URL printed by dashlight run --serve');
    expect(reply.body).not.toContain(server.token);
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });

  it('never logs the token', async () => {
    const { server, log } = await startTestServer();
    await request(server.port, `/?token=${server.token}`);
    await request(server.port, '/api/nope', { method: 'POST', headers: { ...json, ...bearer(server) } });
    const logged = JSON.stringify([log.info.mock.calls, log.warn.mock.calls, log.error.mock.calls]);
    expect(logged).not.toContain(server.token);
  });

  it('keeps a redirect from becoming an open redirect', async () => {
    const { server } = await startTestServer();
    const reply = await request(server.port, `//evil.example/?token=${server.token}`);
    expect(reply.status).toBe(401);
    expect(reply.headers.location).toBeUndefined();
  });

  it('refuses cross-origin state changes even with the cookie', async () => {
    const { server, engine } = await startTestServer();
    const reply = await request(server.port, '/api/pause', {
      method: 'POST',
      headers: { ...json, Cookie: `${tokenCookieName(server.token)}=${server.token}`, Origin: 'http://evil.example' },
    });
    expect(reply.status).toBe(403);
    expect(reply.json().error?.name).toBe('ForbiddenError');
    expect(engine.pause).not.toHaveBeenCalled();
    const same = await request(server.port, '/api/pause', {
      method: 'POST',
      headers: {
        ...json,
        Cookie: `${tokenCookieName(server.token)}=${server.token}`,
        Origin: `http://127.0.0.1:${server.port}`,
      },
    });
    expect(same.status).toBe(200);
  });

  it('needs the token for static files too', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Dashlight</title>');
    const { server } = await startTestServer({ rendererDir: join(dir, 'renderer') });
    expect((await request(server.port, '/')).status).toBe(401);
    expect((await request(server.port, '/', { headers: bearer(server) })).status).toBe(200);
  });
});

describe('tokenCookieName', () => {
  it('differs between servers, so two on one host keep their own cookie, and is stable per token', async () => {
    const a = (await startTestServer()).server;
    const b = (await startTestServer()).server;
    expect(tokenCookieName(a.token)).not.toBe(tokenCookieName(b.token));
    expect(tokenCookieName(a.token)).toBe(tokenCookieName(a.token));
    expect(tokenCookieName(a.token)).toMatch(new RegExp(`^${TOKEN_COOKIE_PREFIX}[0-9a-f]{8}$`));
    expect(tokenCookieName(a.token)).not.toContain(a.token.slice(0, 8));
    // A browser holding both cookies is let into each server by its own.
    const both = `${tokenCookieName(a.token)}=${a.token}; ${tokenCookieName(b.token)}=${b.token}`;
    for (const server of [a, b]) {
      const reply = await request(server.port, '/api/status', { method: 'POST', headers: { ...json, Cookie: both } });
      expect(reply.status).toBe(200);
    }
  });
});

describe('cookieValues', () => {
  it('finds every value of one cookie', () => {
    expect(cookieValues('a=1; dashlight_token=x; b=2;dashlight_token=y', 'dashlight_token')).toEqual(['x', 'y']);
    expect(cookieValues(undefined, 'a')).toEqual([]);
    expect(cookieValues('Dashlight_token=x', 'dashlight_token')).toEqual([]);
  });
});
