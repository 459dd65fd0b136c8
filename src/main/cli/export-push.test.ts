import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer } from '../engine/push/test-support/recording-server.js';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashlight-cli-export-'));
  db = join(dir, 'dashlight.db');
  // Three real samples to export and push.
  for (let i = 0; i < 3; i++)
    expect(await main(['sample', '--db', db], captureIo({ DASHLIGHT_DATA_DIR: dir }))).toBe(0);
});

async function cli(argv: string[], rawOut?: NodeJS.WritableStream) {
  const io = { ...captureIo({ DASHLIGHT_DATA_DIR: dir }), rawOut };
  const code = await main(argv, io);
  return { code, out: io.text(), err: io.stderr.join('') };
}

describe('dashlight export', () => {
  it('writes a CSV file that a strict parser reads back, one row per stored sample', async () => {
    const out = join(dir, 'day.csv');
    const result = await cli(['export', '--db', db, '--from', '-1h', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^dashlight: exported 3 rows \(raw\) → .*day\.csv, [\d,]+ bytes/);
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const stored = JSON.parse((await cli(['list', '--db', db, '--json'])).out).data as { ts: number }[];
    expect(rows.map((r) => Number(r.ts_ms))).toEqual(stored.map((s) => s.ts).sort((a, b) => a - b));
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['ts', 'ts_ms', 'cpu.total_pct', 'mem.percent']));
    expect((await readdir(dir)).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('streams NDJSON to stdout with --out -, and reports as JSON with --json', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const result = await cli(
      ['export', '--db', db, '--from', '-1h', '--format', 'ndjson', '--metrics', 'cpu.total', '--out', '-', '--json'],
      sink,
    );
    expect(result.code).toBe(0);
    const lines = Buffer.concat(chunks)
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0]!).sort()).toEqual(['cpu.total_pct', 'ts', 'ts_ms']);
    expect(JSON.parse(result.err)).toMatchObject({ rows: 3, format: 'ndjson', resolution: 'raw' });
  });

  it('bad flags exit 2 with one line; an unwritable destination exits 1 and names the cause', async () => {
    expect((await cli(['export', '--db', db])).err).toMatch(/^dashlight: --out: say where to write/);
    const badFormat = await cli(['export', '--db', db, '--format', 'xml', '--out', join(dir, 'x')]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toMatch(/format/);
    const badMetric = await cli(['export', '--db', db, '--metrics', 'cpu.totl', '--out', join(dir, 'x')]);
    expect(badMetric).toMatchObject({ code: 2 });
    const missing = await cli(['export', '--db', db, '--out', join(dir, 'no', 'such', 'folder.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot write the export to .*folder\.csv/);
  });
});

describe('dashlight push', () => {
  it('status without targets says how to add one', async () => {
    const result = await cli(['push', 'status', '--db', db]);
    expect(result.out).toMatch(/No push targets: add one under "push.targets"/);
  });

  it('test, now and status against a real HTTP receiver; failures exit 1', async () => {
    const server = await startRecordingServer();
    try {
      const config = join(dir, 'push.json');
      await writeFile(
        config,
        JSON.stringify({
          push: {
            targets: [
              {
                name: 'api',
                kind: 'http-json',
                url: `${server.url}/bulk`,
                auth: { type: 'bearer', token: 'sekrit-77' },
              },
            ],
          },
        }),
      );
      const tested = await cli(['push', 'test', 'api', '--db', db, '--config', config]);
      expect(tested.code).toBe(0);
      expect(tested.out).toMatch(/^ok in \d+ ms: http:\/\/127\.0\.0\.1:\d+\/bulk accepted a batch of 1 sample/);
      const now = await cli(['push', 'now', '--db', db, '--config', config, '--json']);
      expect(now.code).toBe(0);
      expect(JSON.parse(now.out).targets[0]).toMatchObject({ name: 'api', pending: 0, sentTotal: 3, lastError: null });
      const status = await cli(['push', 'status', '--db', db, '--config', config]);
      expect(status.out).toMatch(/api\s+http-json\s+http:\/\/127\.0\.0\.1:\d+\/bulk\s+on\s+0\s+3/);
      expect(status.out + now.out + tested.out).not.toContain('sekrit-77');

      server.respond(401, {}, 'bad token');
      const refused = await cli(['push', 'test', 'api', '--db', db, '--config', config]);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(
        /^FAILED in \d+ ms: .* refused it: 401 Unauthorized: check the target.s credentials \(server said: bad token\)/,
      );
      expect((await cli(['push', 'now', 'nope', '--db', db, '--config', config])).code).toBe(2);

      // doctor reports the target and the alert rules next to the database checks.
      const doctor = JSON.parse((await cli(['doctor', '--db', db, '--config', config, '--json'])).out) as {
        findings: { check: string; status: string; detail: string }[];
      };
      expect(doctor.findings.find((f) => f.check === 'push api')).toMatchObject({
        status: 'ok',
        detail: expect.stringMatching(/^http-json http:\/\/127\.0\.0\.1:\d+\/bulk: 0 pending, 3 sent/),
      });
      expect(doctor.findings.find((f) => f.check === 'alerts')).toMatchObject({
        status: 'ok',
        detail: '5 of 5 rules on',
      });
    } finally {
      await server.close();
    }
  });
});

describe('export events and cancel through the engine', () => {
  it('emits progress and done, and cancelExport stops a running export', async () => {
    const { Engine } = await import('../engine/engine.js');
    const { resolveDataPaths } = await import('../engine/paths.js');
    const { silentLogger } = await import('../engine/log/logger.js');
    const { parseSettings } = await import('../../shared/settings.js');
    const { parseInput } = await import('../../shared/contract.js');
    const engine = await Engine.open({
      paths: resolveDataPaths({ db }),
      settings: parseSettings({}),
      log: silentLogger(),
    });
    try {
      const kinds: string[] = [];
      engine.on('exportProgress', () => kinds.push('progress'));
      engine.on('exportDone', (d) => kinds.push(d.ok ? 'done' : `failed:${d.cancelled}`));
      const input = parseInput('export', {
        id: 'job-1',
        format: 'json',
        from: 0,
        to: Date.now(),
        path: join(dir, 'all.json'),
      });
      const result = await engine.export(input);
      expect(result).toMatchObject({ id: 'job-1', rows: 3 });
      expect(kinds.at(-1)).toBe('done');
      expect(kinds).toContain('progress');
      expect(await engine.cancelExport({ id: 'job-1' })).toEqual({ cancelled: false });
      const doc = JSON.parse(await readFile(join(dir, 'all.json'), 'utf8'));
      expect(doc).toMatchObject({ resolution: 'raw', columns: expect.arrayContaining(['ts_ms', 'cpu.total_pct']) });
      expect(doc.rows).toHaveLength(3);

      // Cancelled as soon as it started: no file, an AbortError, and a done event saying so.
      const cancelled = engine.export(
        parseInput('export', { id: 'job-2', format: 'csv', from: 0, to: Date.now(), path: join(dir, 'cancelled.csv') }),
      );
      expect(await engine.cancelExport({ id: 'job-2' })).toEqual({ cancelled: true });
      await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
      expect(kinds.at(-1)).toBe('failed:true');
      expect((await readdir(dir)).filter((f) => f.includes('cancelled'))).toEqual([]);
    } finally {
      await engine.stop();
    }
  });
});
