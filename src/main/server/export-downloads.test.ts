import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportInput } from '../../shared/export.js';
import { contentDisposition } from './download-response.js';
import { DOWNLOADS_FOLDER, FILE_NAME_MESSAGE, isBareFileName, NO_SUCH_DOWNLOAD } from './export-downloads.js';
import { bearer, call, request, startTestServer, tempDir } from './test-support.js';

describe('exports from the browser, streamed', () => {
  it('answers with a ticket, then streams the export into the download, and keeps nothing', async () => {
    const { server, engine, dataDir } = await startTestServer();
    const reply = await call(server, 'export', { format: 'csv', from: 0, to: 1000, path: 'cpu day.csv' });
    expect(reply.status).toBe(200);
    const ticket = reply.json().value as { id: string; downloadUrl: string; streamed: true };
    expect(ticket.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(ticket).toEqual({ id: ticket.id, downloadUrl: `/api/download/${ticket.id}`, streamed: true });
    // Nothing runs until the browser asks for the download.
    expect(engine.exportTo).not.toHaveBeenCalled();

    expect((await request(server.port, ticket.downloadUrl)).status).toBe(401);
    const download = await request(server.port, ticket.downloadUrl, { headers: bearer(server) });
    expect(download.status).toBe(200);
    expect(download.body).toBe('csv\n');
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="cpu day.csv"; filename*=UTF-8''cpu%20day.csv`,
    );
    expect(download.headers['content-length']).toBeUndefined();
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(engine.exportTo).toHaveBeenCalledWith(
      { id: ticket.id, format: 'csv', from: 0, to: 1000, resolution: 'auto', metrics: null, path: 'cpu day.csv' },
      expect.anything(),
    );
    expect(existsSync(join(dataDir, DOWNLOADS_FOLDER))).toBe(false);
    // A ticket is used once.
    const again = await request(server.port, ticket.downloadUrl, { headers: bearer(server) });
    expect(again.status).toBe(404);
    expect(again.json().error).toEqual({ name: 'NotFoundError', message: NO_SUCH_DOWNLOAD });
  });

  it('keeps a chosen export id, and serves JSON and NDJSON with their types', async () => {
    const { server } = await startTestServer();
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
    expect(engine.exportTo).not.toHaveBeenCalled();
    const missing = await call(server, 'export', { format: 'csv', from: 0, to: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json().error?.issues).toEqual([expect.objectContaining({ path: 'path' })]);
  });

  it('ends the download without its last chunk when the export fails, so the browser marks it failed', async () => {
    const { server, engine } = await startTestServer();
    engine.exportTo.mockImplementationOnce(async (_input: ExportInput, output: NodeJS.WritableStream) => {
      output.write('ts,cpu.total\r\n');
      throw new Error('the export was cancelled');
    });
    const ticket = (await call(server, 'export', { id: 'cut', format: 'csv', from: 0, to: 1, path: 'x.csv' })).json()
      .value as { downloadUrl: string };
    await expect(request(server.port, ticket.downloadUrl, { headers: bearer(server) })).rejects.toThrow(
      /aborted|socket hang up|ECONNRESET/,
    );
    for (const id of ['cut', 'nope', '..%2f..%2fetc', 'x'.repeat(65)]) {
      const reply = await request(server.port, `/api/download/${id}`, { headers: bearer(server) });
      expect(reply.status, id).toBe(404);
      expect(reply.json().error?.name).toBe('NotFoundError');
    }
    expect((await request(server.port, '/api/download/x', { method: 'DELETE', headers: bearer(server) })).status).toBe(
      405,
    );
  });

  it('removes what older versions left in the downloads folder', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, DOWNLOADS_FOLDER));
    writeFileSync(join(dataDir, DOWNLOADS_FOLDER, '5f0c-week.csv'), 'x'.repeat(1000));
    await startTestServer({ dataDir });
    expect(existsSync(join(dataDir, DOWNLOADS_FOLDER))).toBe(false);
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
