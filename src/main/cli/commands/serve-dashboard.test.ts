// `run --serve`'s link between the CLI and the web host: the printed URL, the warning, listen errors.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { nonLoopbackWarning } from '../../server/host-check.js';
import { ListenError } from '../../server/http-server.js';
import { call, fakeEngine, startTestServer, tempDir, testLog } from '../../server/test-support.js';
import { UsageError } from '../cli-io.js';
import { captureIo } from '../test-support/capture-io.js';
import { serveDashboard } from './serve-dashboard.js';

describe('serveDashboard', () => {
  it('prints the dashboard URL and warns on a non-loopback host', async () => {
    const io = captureIo();
    const server = await serveDashboard({
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
    const local = await serveDashboard({
      engine: fakeEngine(),
      dataDir: tempDir(),
      port: 0,
      log: testLog(),
      io: quiet,
    });
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
      const viaCli = serveDashboard({
        engine: fakeEngine(),
        dataDir: tempDir(),
        port,
        log: testLog(),
        io: captureIo(),
      });
      await expect(viaCli).rejects.toBeInstanceOf(UsageError);
      await expect(viaCli).rejects.toThrow(/already in use.*--port <n>/);
    } finally {
      blocker.close();
    }
  });

  it('says so when --host is no address of this machine', async () => {
    const io = captureIo();
    const start = serveDashboard({
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
