/**
 * Exports from a browser. The page cannot choose a path on the server, and must not write
 * anywhere on it: the body names a bare file name, the file is written to
 * `<dataDir>/downloads/<exportId>-<name>`, and the result gains `downloadUrl`, which streams the
 * file for an hour (the page downloads it at once, and its "Download" link must still work after
 * that); a sweep every few minutes deletes older files.
 *
 * @example
 * const downloads = await ExportDownloads.open({ dataDir, log });
 * const result = await downloads.runExport(engine, { format: 'csv', from, to, path: 'day.csv' });
 * result.downloadUrl; // '/api/download/5f0c…'
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { InputError, parseInput, type DashlightHandlers, type EventName } from '../../shared/contract.js';
import type { ExportDone, ExportFormat, ExportResult } from '../../shared/export.js';
import { sendDownload } from './download-response.js';
import { sendFailure } from './http-replies.js';
import type { ServerLog } from './server-log.js';
import { systemClock } from '../engine/schedule/clock.js';

export const DOWNLOADS_FOLDER = 'downloads';
export const FILE_NAME_MESSAGE = 'must be a file name: in the browser the export is downloaded';
const MAX_AGE_MS = 3_600_000;
const SWEEP_EVERY_MS = 5 * 60_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type DownloadableResult = ExportResult & { downloadUrl: string };

interface Entry {
  readonly path: string;
  readonly name: string;
  readonly format: ExportFormat;
  running: boolean;
}

export interface ExportDownloadsOptions {
  dataDir: string;
  log: ServerLog;
  now?: () => number;
  maxAgeMs?: number;
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
  private readonly entries = new Map<string, Entry>();
  private sweeper: NodeJS.Timeout | null = null;

  private constructor(
    readonly dir: string,
    private readonly options: ExportDownloadsOptions,
  ) {}

  /** Creates the folder (0700), sweeps what expired, and sweeps hourly from then on. */
  static async open(options: ExportDownloadsOptions): Promise<ExportDownloads> {
    const dir = join(options.dataDir, DOWNLOADS_FOLDER);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // An older folder may have been created wider; exports can hold anything the machine measured.
    if (process.platform !== 'win32') await chmod(dir, 0o700).catch(() => {});
    const downloads = new ExportDownloads(dir, options);
    await downloads.sweep();
    downloads.sweeper = setInterval(
      () => void downloads.sweep(),
      Math.min(SWEEP_EVERY_MS, options.maxAgeMs ?? MAX_AGE_MS),
    );
    downloads.sweeper.unref();
    return downloads;
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** `POST /api/export`: validates, redirects the file into the downloads folder, runs it. */
  async runExport(engine: Pick<DashlightHandlers, 'export'>, raw: unknown): Promise<DownloadableResult> {
    const name = (raw as { path?: unknown } | null)?.path;
    if (raw !== null && typeof raw === 'object' && name !== undefined && !isBareFileName(name)) {
      throw new InputError('export', [{ path: 'path', message: FILE_NAME_MESSAGE }]);
    }
    const input = parseInput('export', raw);
    const id = input.id ?? randomUUID();
    if (this.entries.get(id)?.running) {
      throw new InputError('export', [{ path: 'id', message: `an export with id "${id}" is already running` }]);
    }
    const entry: Entry = {
      path: join(this.dir, `${id}-${input.path}`),
      name: input.path,
      format: input.format,
      running: true,
    };
    this.entries.set(id, entry);
    try {
      const result = await engine.export({ ...input, id, path: entry.path });
      entry.running = false;
      return { ...result, downloadUrl: downloadUrl(id) };
    } catch (error) {
      if (this.entries.get(id) === entry) this.entries.delete(id);
      throw error;
    }
  }

  /** For the event stream: a successful `exportDone` of ours carries the download URL too. */
  decorate(event: EventName, payload: unknown): unknown {
    if (event !== 'exportDone') return payload;
    const done = payload as ExportDone;
    if (!done.ok || this.entries.get(done.id)?.path !== done.result.path) return payload;
    return { ...done, result: { ...done.result, downloadUrl: downloadUrl(done.id) } };
  }

  /** `GET /api/download/<id>`: the file, as often as asked until the sweep removes it. */
  async serve(_req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const entry = ID_PATTERN.test(id) ? this.entries.get(id) : undefined;
    const info = entry && !entry.running ? await stat(entry.path).catch(() => null) : null;
    if (!entry || !info?.isFile()) {
      if (entry && !entry.running) this.entries.delete(id);
      sendFailure(res, 404, {
        name: 'NotFoundError',
        message: 'no such download: an export can be downloaded for an hour after it finished; export it again',
      });
      return;
    }
    const { log } = this.options;
    sendDownload(
      res,
      { ...entry, size: info.size },
      () => {},
      (err) => log.warn({ err, id }, 'could not read a download'),
    );
  }

  /** Deletes downloads older than the maximum age, except files of exports still running. */
  async sweep(): Promise<void> {
    const cutoff = (this.options.now ?? systemClock.wall)() - (this.options.maxAgeMs ?? MAX_AGE_MS);
    const running = [...this.entries].filter(([, entry]) => entry.running).map(([id]) => `${id}-`);
    try {
      for (const name of await readdir(this.dir)) {
        if (running.some((prefix) => name.includes(prefix))) continue;
        const path = join(this.dir, name);
        const info = await stat(path).catch(() => null);
        if (!info?.isFile() || info.mtimeMs >= cutoff) continue;
        await unlink(path).catch(() => {});
        for (const [id, entry] of this.entries) if (entry.path === path) this.entries.delete(id);
      }
    } catch (err) {
      this.options.log.warn({ err }, 'could not sweep old downloads');
    }
  }
}
