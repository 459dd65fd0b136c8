import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportInput, ExportResult } from '../../shared/export.js';
import { contentDisposition } from './download-response.js';
import { DOWNLOADS_FOLDER, FILE_NAME_MESSAGE, isBareFileName } from './export-downloads.js';
import { bearer, call, openEvents, request, startTestServer, tempDir, type FakeEngine } from './test-support.js';

const CSV = 'ts,cpu.total\r\n2024-01-01T00:00:00.000Z,12.5\r\n';

/** The fake engine writes where it is told, as the real one does, and announces it. */
function writingExports(engine: FakeEngine): void {
  engine.export.mockImplementation(async (input: ExportInput) => {
    writeFileSync(input.path, CSV);
    const result: ExportResult = {
      id: input.id!,
      path: input.path,
      format: input.format,
      resolution: 'raw',
      from: input.from,
      to: input.to,
      rows: 1,
      bytes: CSV.length,
      columns: ['ts', 'cpu.total'],
    };
    engine.emit('exportDone', { id: result.id, ok: true, result });
    return result;
  });
}

describe('exports from the browser', () => {
  it('writes into the downloads folder, returns downloadUrl, and streams the file until the sweep removes it', async () => {
    const { server, engine, dataDir } = await startTestServer();
    writingExports(engine);
    const events = await openEvents(server);
    await events.until(/retry/);
    const reply = await call(server, 'export', { format: 'csv', from: 0, to: 1000, path: 'cpu day.csv' });
    expect(reply.status).toBe(200);
    const value = reply.json().value as ExportResult & { downloadUrl: string };
    const folder = join(dataDir, DOWNLOADS_FOLDER);
    if (process.platform !== 'win32') expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(value.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(value.path).toBe(join(folder, `${value.id}-cpu day.csv`));
    expect(value).toMatchObject({ rows: 1, format: 'csv', downloadUrl: `/api/download/${value.id}` });
    expect(engine.export).toHaveBeenCalledWith(expect.objectContaining({ id: value.id, path: value.path }));
    // The event stream's exportDone carries the URL too, for a page that follows progress by events.
    await events.until(/event: exportDone/);
    expect(events.text()).toContain(`"downloadUrl":"/api/download/${value.id}"`);
    events.close();

    expect((await request(server.port, value.downloadUrl)).status).toBe(401);
    const download = await request(server.port, value.downloadUrl, { headers: bearer(server) });
    expect(download.status).toBe(200);
    expect(download.body).toBe(CSV);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="cpu day.csv"; filename*=UTF-8''cpu%20day.csv`,
    );
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    // A second download (the page's "Download" link after the automatic one) still works.
    const again = await request(server.port, value.downloadUrl, { headers: bearer(server) });
    expect(again.status).toBe(200);
    expect(again.body).toBe(CSV);
    expect(existsSync(value.path)).toBe(true);
  });

  it('keeps a chosen export id, and serves JSON and NDJSON with their types', async () => {
    const { server, engine } = await startTestServer();
    writingExports(engine);
    for (const [format, type] of [
      ['json', 'application/json; charset=utf-8'],
      ['ndjson', 'application/x-ndjson; charset=utf-8'],
    ] as const) {
      const reply = await call(server, 'export', { id: `mine-${format}`, format, from: 0, to: 1, path: `x.${format}` });
      const { downloadUrl } = reply.json().value as { downloadUrl: string };
      expect(downloadUrl).toBe(`/api/download/mine-${format}`);
      const download = await request(server.port, downloadUrl, { headers: bearer(server) });
      expect(download.headers['content-type']).toBe(type);
    }
  });

  it('refuses a path that is not a bare file name, before the engine sees it', async () => {
    const { server, engine } = await startTestServer();
    for (const path of ['/tmp/x.csv', 'a/b.csv', 'a\\b.csv', '..', '../x.csv', 'x\u0000.csv', 'x'.repeat(201)]) {
      const reply = await call(server, 'export', { format: 'csv', from: 0, to: 1, path });
      expect(reply.status, path).toBe(400);
      expect(reply.json().error).toMatchObject({
        name: 'InputError',
        issues: [{ path: 'path', message: FILE_NAME_MESSAGE }],
      });
    }
    expect(engine.export).not.toHaveBeenCalled();
    const missing = await call(server, 'export', { format: 'csv', from: 0, to: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json().error?.issues).toEqual([expect.objectContaining({ path: 'path' })]);
  });

  it('answers 404 for an unknown download, and for a failed export', async () => {
    const { server, engine } = await startTestServer();
    engine.export.mockRejectedValueOnce(new Error('disk full'));
    const failed = await call(server, 'export', { id: 'failed', format: 'csv', from: 0, to: 1, path: 'x.csv' });
    expect(failed.status).toBe(500);
    for (const id of ['failed', 'nope', '..%2f..%2fetc', 'x'.repeat(65)]) {
      const reply = await request(server.port, `/api/download/${id}`, { headers: bearer(server) });
      expect(reply.status, id).toBe(404);
      expect(reply.json().error?.name).toBe('NotFoundError');
    }
    expect((await request(server.port, '/api/download/x', { method: 'DELETE', headers: bearer(server) })).status).toBe(
      405,
    );
  });

  it('sweeps downloads older than an hour at start', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    await first.server.close();
    const folder = join(dataDir, DOWNLOADS_FOLDER);
    writeFileSync(join(folder, 'old-a.csv'), 'x');
    writeFileSync(join(folder, 'new-b.csv'), 'x');
    // Both times set by the test's clock: the kernel stamps files by its own, which a shifted
    // clock (libfaketime, in scripts/test-under-stress.sh) does not move.
    const now = Date.now() / 1000;
    utimesSync(join(folder, 'new-b.csv'), now, now);
    utimesSync(join(folder, 'old-a.csv'), now - 2 * 3600, now - 2 * 3600);
    await startTestServer({ dataDir });
    expect(readdirSync(folder)).toEqual(['new-b.csv']);
  });
});

describe('download names', () => {
  it('accepts bare names only', () => {
    expect(isBareFileName('cpu-2024-01-01.csv')).toBe(true);
    expect(isBareFileName('Prozessor ä.csv')).toBe(true);
    for (const bad of ['', 'a/b', 'a\\b', 'a..b', '..', 'a\nb', 'x'.repeat(201), 42, null]) {
      expect(isBareFileName(bad), String(bad)).toBe(false);
    }
  });

  it('quotes Content-Disposition per RFC 6266, with a UTF-8 filename*', () => {
    expect(contentDisposition('day.csv')).toBe(`attachment; filename="day.csv"; filename*=UTF-8''day.csv`);
    expect(contentDisposition('Prozessor "ä" 100%.csv')).toBe(
      `attachment; filename="Prozessor ___ 100_.csv"; filename*=UTF-8''Prozessor%20%22%C3%A4%22%20100%25.csv`,
    );
    expect(contentDisposition("it's (1).csv")).toBe(
      `attachment; filename="it's (1).csv"; filename*=UTF-8''it%27s%20%281%29.csv`,
    );
  });
});
