import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli/cli-io.js';
import { captureIo } from '../cli/test-support/capture-io.js';
import { hostCheck, isLoopbackHost, nonLoopbackWarning, urlHost } from './host-check.js';
import { ListenError } from './http-server.js';
import { serveFromCli } from './serve-command.js';
import { bearer, call, fakeEngine, request, startTestServer, tempDir, testLog } from './test-support.js';

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

describe('serveFromCli', () => {
  it('prints the dashboard URL and warns on a non-loopback host', async () => {
    const io = captureIo();
    const server = await serveFromCli({
      engine: fakeEngine(),
      dataDir: tempDir(),
      host: '0.0.0.0',
      port: 0,
      log: testLog(),
      io,
    });
    try {
      const err = io.stderr.join('\n');
      expect(err).toContain(nonLoopbackWarning('0.0.0.0'));
      expect(err).toMatch(/reachable from other machines/);
      expect(err).toMatch(/Anyone on that network who has the token can read your metrics and change the settings/);
      expect(err).toMatch(/SSH tunnel/);
      expect(err).toContain(`dashboard: ${server.url}`);
      expect((await call(server, 'status')).status).toBe(200);
    } finally {
      await server.close();
    }
    const quiet = captureIo();
    const local = await serveFromCli({ engine: fakeEngine(), dataDir: tempDir(), port: 0, log: testLog(), io: quiet });
    await local.close();
    expect(quiet.stderr).toEqual([`dashboard: http://127.0.0.1:${local.port}/?token=${local.token}`]);
  });

  it('turns a port in use into a usage error naming the port and --port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const direct = startTestServer({ port });
      await expect(direct).rejects.toBeInstanceOf(ListenError);
      await expect(direct).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
      const viaCli = serveFromCli({ engine: fakeEngine(), dataDir: tempDir(), port, log: testLog(), io: captureIo() });
      await expect(viaCli).rejects.toBeInstanceOf(UsageError);
      await expect(viaCli).rejects.toThrow(/already in use.*--port <n>/);
    } finally {
      blocker.close();
    }
  });

  it('says so when --host is no address of this machine', async () => {
    const io = captureIo();
    const start = serveFromCli({
      engine: fakeEngine(),
      dataDir: tempDir(),
      host: '192.0.2.1',
      port: 0,
      log: testLog(),
      io,
    });
    await expect(start).rejects.toThrow(/cannot listen on 192\.0\.2\.1: no such address on this machine; check --host/);
  });
});
