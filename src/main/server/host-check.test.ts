import { describe, expect, it } from 'vitest';
import { hostCheck, isLoopbackHost, urlHost } from './host-check.js';
import { bearer, request, startTestServer } from './test-support.js';

describe('Host header checks (DNS rebinding)', () => {
  it('answers only to 127.0.0.1, localhost and [::1] at its own port when bound to loopback', async () => {
    const { server, engine } = await startTestServer();
    const json = { ...bearer(server), 'Content-Type': 'application/json' };
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `LOCALHOST:${server.port}`,
      `[::1]:${server.port}`,
    ]) {
      const reply = await request(server.port, '/api/status', { method: 'POST', headers: { ...json, Host: host } });
      expect(reply.status, host).toBe(200);
    }
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const reply = await request(server.port, '/api/status', { method: 'POST', headers: { ...json, Host: host } });
      expect(reply.status, host).toBe(403);
      expect(reply.json().error?.name).toBe('ForbiddenError');
      expect(reply.headers['content-security-policy']).toBeDefined();
    }
    expect(engine.status).toHaveBeenCalledTimes(4);
  });

  it('lets any Host through when bound to every interface (the token still applies)', () => {
    const check = hostCheck('0.0.0.0', 7437);
    expect(check('my-box.lan:7437')).toBe(true);
    expect(hostCheck('::1', 80)('[::1]:80')).toBe(true);
    expect(hostCheck('::1', 80)('attacker:80')).toBe(false);
    expect(hostCheck('127.0.0.1', 80)(undefined)).toBe(false);
  });

  it('knows which addresses are loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LocalHost', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'my-box.lan', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
  });
});
