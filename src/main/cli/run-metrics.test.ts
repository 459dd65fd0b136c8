// `dashlight run --metrics` flags, in-process: what is refused before anything starts, a port that
// is taken, and what the terminal says about an endpoint other machines can reach.
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings } from '../../shared/settings.js';
import type { Engine } from '../engine/engine.js';
import { integrationLines, metricsReachableWarning } from './commands/integration-lines.js';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

async function cli(...argv: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'dashlight-run-metrics-'));
  const io = captureIo({ DASHLIGHT_DATA_DIR: dir });
  const code = await main(['run', '--db', join(dir, 'x.db'), ...argv], io);
  return { code, err: io.stderr.join('') };
}

describe('dashlight run --metrics', () => {
  it('refuses its options without it, and a port out of range', async () => {
    expect(await cli('--metrics-port', '9999')).toEqual({
      code: 2,
      err: 'dashlight: --metrics-port only applies with --metrics (dashlight run --metrics --metrics-port …)',
    });
    expect(await cli('--metrics-host', '127.0.0.1')).toEqual({
      code: 2,
      err: 'dashlight: --metrics-host only applies with --metrics (dashlight run --metrics --metrics-host …)',
    });
    expect(await cli('--metrics', '--metrics-port', '70000')).toEqual({
      code: 2,
      err: 'dashlight: --metrics-port: "70000" must be a whole number from 0 to 65535',
    });
  });

  it('stops with exit 2 when the port is taken, naming the port and what to change', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, err } = await cli('--quiet', '--metrics', '--metrics-port', String(port));
      expect(code).toBe(2);
      expect(err).toBe(
        `dashlight: the Prometheus endpoint cannot start: 127.0.0.1 port ${port} is already in use (another Dashlight, or node_exporter?); choose another with --metrics-port/--metrics-host (prometheus.port/host)`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('warns when other machines can reach the endpoint, more loudly without a credential', async () => {
    const lines: string[] = [];
    const engine = {
      getSettings: async () => mergeSettings(DEFAULT_SETTINGS, { prometheus: { enabled: true, host: '192.0.2.7' } }),
      prometheusStatus: async () => ({ url: 'http://192.0.2.7:9437/metrics', auth: 'none', error: null }),
    } as unknown as Engine;
    const said = await integrationLines(engine, {
      info: (l) => lines.push(`info ${l}`),
      warn: (l) => lines.push(`warn ${l}`),
    });
    said.stop();
    expect(lines).toEqual([
      `warn ${metricsReachableWarning('192.0.2.7', 'none')}`,
      'info metrics: http://192.0.2.7:9437/metrics',
    ]);
    expect(metricsReachableWarning('192.0.2.7', 'none')).toBe(
      'dashlight: warning: --metrics-host 192.0.2.7 makes the metrics reachable from other machines, over plain HTTP, ' +
        'with no credential: anyone on that network can read them. Set prometheus.auth (a bearer token or basic auth) ' +
        'in the settings, or keep the default 127.0.0.1.',
    );
    expect(metricsReachableWarning('192.0.2.7', 'bearer')).toBe(
      'dashlight: warning: --metrics-host 192.0.2.7 makes the metrics reachable from other machines over plain HTTP; ' +
        'the bearer credential crosses the network in clear. Use it on a network you trust, or behind a TLS proxy.',
    );
  });
});
