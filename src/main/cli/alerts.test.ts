import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

let dir: string;
let db: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashlight-cli-alerts-'));
  db = join(dir, 'dashlight.db');
});

async function cli(...argv: string[]) {
  const io = captureIo({ DASHLIGHT_DATA_DIR: dir });
  const code = await main(argv, io);
  return { code, out: io.text(), err: io.stderr.join('') };
}

describe('dashlight alerts', () => {
  it('list shows the first-run rules', async () => {
    const { code, out } = await cli('alerts', 'list', '--db', db);
    expect(code).toBe(0);
    expect(out).toMatch(/cpu-high\s+CPU busy\s+cpu\.total above 80\.0 % \/ 90\.0 % for 2m\s+ok/);
    expect(out).toMatch(/battery-low .* battery\.percent below – \/ 10\.0 % while battery\.charging = 0/);
    expect(out).toMatch(/disk-filling .* fs\.used_pct full within 1d \(trend over 6h\)/);
    const parsed = JSON.parse((await cli('alerts', 'list', '--db', db, '--json')).out);
    expect(parsed.rules.map((r: { rule: { id: string } }) => r.rule.id)).toEqual([
      'cpu-high',
      'memory-high',
      'disk-high',
      'battery-low',
      'disk-filling',
    ]);
  });

  it('snooze a rule, then all, then off; bad input exits 2 with one line', async () => {
    const snoozed = await cli('alerts', 'snooze', 'cpu-high', '1h', '--db', db);
    expect(snoozed.code).toBe(0);
    expect(snoozed.out).toMatch(/^cpu-high: snoozed until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d .*alerts are still recorded/);
    const list = JSON.parse((await cli('alerts', 'list', '--db', db, '--json')).out);
    expect(list.rules[0].snoozedUntil).toBeGreaterThan(Date.now() + 3_500_000);
    expect((await cli('alerts', 'snooze', 'all', '30m', '--db', db)).code).toBe(0);
    expect(JSON.parse((await cli('alerts', 'list', '--db', db, '--json')).out).allSnoozedUntil).toEqual(
      expect.any(Number),
    );
    expect((await cli('alerts', 'snooze', 'cpu-high', 'off', '--db', db)).out).toMatch(/snooze ended/);
    expect(JSON.parse((await cli('alerts', 'list', '--db', db, '--json')).out).rules[0].snoozedUntil).toBeNull();

    const badDuration = await cli('alerts', 'snooze', 'cpu-high', 'soon', '--db', db);
    expect(badDuration).toMatchObject({ code: 2 });
    expect(badDuration.err).toMatch(/^dashlight: duration: bad duration "soon"/);
    const badRule = await cli('alerts', 'snooze', 'nope', '1h', '--db', db);
    expect(badRule).toMatchObject({ code: 2 });
    expect(badRule.err).toMatch(/^dashlight: no alert rule "nope"/);
  });

  it('history is empty at first; bad filters and ids are usage errors', async () => {
    expect((await cli('alerts', 'history', '--db', db)).out).toMatch(/No alerts in this range/);
    expect(JSON.parse((await cli('alerts', 'history', '--db', db, '--json')).out)).toEqual({ data: [], total: 0 });
    const badState = await cli('alerts', 'history', '--state', 'angry', '--db', db);
    expect(badState.code).toBe(2);
    expect(badState.err).toMatch(/state/);
    expect((await cli('alerts', 'ack', 'x', '--db', db)).code).toBe(2);
    const missing = await cli('alerts', 'ack', '7', '--db', db);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no alert with id 7/);
  });

  it('test sends through the log and a webhook from --config, and fails loudly when the webhook does', async () => {
    const bodies: unknown[] = [];
    const headers: IncomingMessage['headers'][] = [];
    let status = 204;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        headers.push(req.headers);
        res.writeHead(status).end();
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const config = join(dir, 'alerts.json');
      await writeFile(config, JSON.stringify({ alerts: { webhook: { url, token: 'secret-token-123', attempts: 1 } } }));
      const ok = await cli('alerts', 'test', 'memory-high', '--db', db, '--config', config);
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/log\s+ok/);
      expect(ok.out).toMatch(/webhook\s+ok/);
      expect(bodies[0]).toMatchObject({
        version: 1,
        kind: 'firing',
        test: true,
        rule: { id: 'memory-high', name: 'Memory almost full' },
      });
      expect(headers[0]!.authorization).toBe('Bearer secret-token-123');

      status = 401;
      const failed = await cli('alerts', 'test', 'memory-high', '--db', db, '--config', config, '--json');
      expect(failed.code).toBe(1);
      const webhook = JSON.parse(failed.out).channels.find((c: { channel: string }) => c.channel === 'webhook');
      expect(webhook).toMatchObject({ ok: false, detail: expect.stringMatching(/HTTP 401/) });
      expect(failed.out).not.toContain('secret-token-123');
    } finally {
      server.close();
    }
  });

  it('a rule with errors in --config names the field', async () => {
    const config = join(dir, 'bad.json');
    await writeFile(
      config,
      JSON.stringify({
        alerts: { rules: [{ name: 'x', metric: 'cpu.total', comparator: 'above', warning: 90, critical: 80 }] },
      }),
    );
    const result = await cli('alerts', 'list', '--db', db, '--config', config);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/alerts\.rules\.0\.warning: must be at most the critical threshold \(80\)/);
  });
});
