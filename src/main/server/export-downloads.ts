/**
 * Exports from a browser, streamed: nothing is written on the server. The page cannot choose a
 * path on the server: the body names a bare file name. `POST /api/export` checks the request and
 * answers at once with a ticket, `{ id, downloadUrl, streamed: true }`; the page then opens
 * `downloadUrl` as a download, and `GET /api/download/<id>` runs the export straight into the
 * response, as it is produced. Progress and the end come as the usual `exportProgress` and
 * `exportDone` events; `cancelExport` (or the browser cancelling the download) stops it, and the
 * browser sees the download fail rather than a short file. A ticket is used once, within a minute.
 *
 * Older versions kept each export in `<dataDir>/downloads/` for an hour: what is left there is
 * removed at start.
 *
 * @example
 * const downloads = await ExportDownloads.open({ dataDir, log });
 * const ticket = downloads.ticket({ format: 'csv', from, to, path: 'day.csv' }); // { id, downloadUrl, streamed: true }
 * await downloads.serve(engine, res, ticket.id); // the CSV, as it is made
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { InputError, parseInput } from '../../shared/contract.js';
import type { ExportInput, ExportResult } from '../../shared/export.js';
import { systemClock } from '../engine/schedule/clock.js';
import { contentDisposition, downloadContentType } from './download-response.js';
import { sendFailure } from './http-replies.js';
import type { ServerLog } from './server-log.js';

/** Where older versions kept finished exports; emptied at start. */
export const DOWNLOADS_FOLDER = 'downloads';
export const FILE_NAME_MESSAGE = 'must be a file name: in the browser the export is downloaded';
export const NO_SUCH_DOWNLOAD =
  'no such download: an export streams to the browser once, as it is made, within a minute of asking; export it again';
const TICKET_MS = 60_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** What `POST /api/export` answers over HTTP: where the page downloads the export from. */
export interface ExportTicket {
  readonly id: string;
  readonly downloadUrl: string;
  readonly streamed: true;
}

/** The engine's export into a stream the caller owns (the response); `cancelExport` stops it. */
export interface StreamingEngine {
  exportTo(input: ExportInput, output: NodeJS.WritableStream): Promise<ExportResult>;
  cancelExport(input: { id: string }): Promise<{ cancelled: boolean }>;
}

export interface ExportDownloadsOptions {
  dataDir: string;
  log: ServerLog;
  now?: () => number;
}

/** A bare, harmless file name: no folders, no `..`, no control characters, at most 200 characters. */
export function isBareFileName(name: unknown): name is string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return typeof name === 'string' && /^[^/\\\x00-\x1f\x7f]{1,200}$/.test(name) && !name.includes('..');
}

export function downloadUrl(id: string): string {
  return `/api/download/${id}`;
}

export class ExportDownloads {
  private readonly tickets = new Map<string, { input: ExportInput; expires: number }>();

  private constructor(private readonly options: ExportDownloadsOptions) {}

  /** Removes what older versions left in `<dataDir>/downloads`. */
  static async open(options: ExportDownloadsOptions): Promise<ExportDownloads> {
    await rm(join(options.dataDir, DOWNLOADS_FOLDER), { recursive: true, force: true }).catch((err: unknown) =>
      options.log.warn({ err }, 'could not remove the old downloads folder'),
    );
    return new ExportDownloads(options);
  }

  close(): void {
    this.tickets.clear();
  }

  /** `POST /api/export`: checks the request as the engine would, and hands out a ticket for it. */
  ticket(raw: unknown): ExportTicket {
    const name = (raw as { path?: unknown } | null)?.path;
    if (raw !== null && typeof raw === 'object' && name !== undefined && !isBareFileName(name)) {
      throw new InputError('export', [{ path: 'path', message: FILE_NAME_MESSAGE }]);
    }
    const input = parseInput('export', raw);
    const id = input.id ?? randomUUID();
    const now = this.now();
    for (const [key, ticket] of this.tickets) if (ticket.expires <= now) this.tickets.delete(key);
    if (this.tickets.has(id)) {
      throw new InputError('export', [{ path: 'id', message: `an export with id "${id}" is already waiting` }]);
    }
    this.tickets.set(id, { input: { ...input, id }, expires: now + TICKET_MS });
    return { id, downloadUrl: downloadUrl(id), streamed: true };
  }

  /**
   * `GET /api/download/<id>`: the export, produced into the response. A browser that cancels the
   * download cancels the export; an export that fails or is cancelled ends the response without
   * its last chunk, so the browser marks the download failed instead of keeping a short file.
   */
  async serve(engine: StreamingEngine, res: ServerResponse, id: string): Promise<void> {
    const ticket = ID_PATTERN.test(id) ? this.tickets.get(id) : undefined;
    this.tickets.delete(id);
    if (!ticket || ticket.expires <= this.now()) {
      sendFailure(res, 404, { name: 'NotFoundError', message: NO_SUCH_DOWNLOAD });
      return;
    }
    const { input } = ticket;
    res.writeHead(200, {
      'Content-Type': downloadContentType(input.format),
      'Content-Disposition': contentDisposition(input.path),
      'Cache-Control': 'no-store',
    });
    // The engine writes into `body`, piped to the response: when the browser goes away the pipe
    // lets go, and the export is cancelled (said as such), rather than failing on a broken pipe.
    const body = new PassThrough();
    body.pipe(res);
    const gone = () => {
      if (!res.writableFinished) void engine.cancelExport({ id }).catch(() => {});
    };
    res.once('close', gone);
    try {
      await engine.exportTo(input, body);
      body.end();
    } catch (err) {
      this.options.log.info({ err, id }, 'streamed export ended early');
      body.unpipe(res);
      res.destroy();
    }
  }

  private now(): number {
    return (this.options.now ?? systemClock.wall)();
  }
}
