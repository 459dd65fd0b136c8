/**
 * The export side of the engine: exports that can be followed and cancelled by id, and the
 * optional hourly archive, run at start (to fill missing hours) and every hour.
 *
 * @example
 * const exports = new ExportService({ store, host, log, clock, emitProgress, emitDone, settings: settings.archive });
 * const result = await exports.run({ format: 'csv', from, to, resolution: 'auto', metrics: null, path: '/tmp/x.csv' });
 */
import type { ExportDone, ExportInput, ExportProgress, ExportResult } from '../../../shared/export.js';
import type { ArchiveSettings } from '../../../shared/push-settings.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { RepeatingJob } from '../schedule/repeating-job.js';
import type { MetricStore } from '../store/metric-store.js';
import { runExport } from './export-runner.js';
import { HourlyArchive } from './hourly-archive.js';

const HOUR = 3_600_000;
let sequence = 0;
/** Archive a little after each hour ends, when its last samples are surely committed. */
const ARCHIVE_OFFSET_MS = 2 * 60_000;

export interface ExportServiceOptions {
  readonly store: MetricStore;
  readonly host: string;
  readonly log: Logger;
  readonly clock: Clock;
  readonly settings: ArchiveSettings;
  readonly emitProgress: (progress: ExportProgress) => void;
  readonly emitDone: (done: ExportDone) => void;
}

export class ExportService {
  private readonly running = new Map<string, AbortController>();
  private archiveJob: RepeatingJob | null = null;
  private archive: HourlyArchive | null = null;
  private settings: ArchiveSettings;
  private started = false;

  constructor(private readonly options: ExportServiceOptions) {
    this.settings = options.settings;
  }

  start(): void {
    this.started = true;
    this.configure(this.settings);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const controller of this.running.values()) controller.abort();
    await this.archiveJob?.stop();
    this.archiveJob = null;
  }

  /** Runs one export; `output` (the CLI's stdout) replaces the file. */
  async run(input: ExportInput, output?: NodeJS.WritableStream): Promise<ExportResult> {
    // Not crypto.randomUUID: loading node:crypto costs the headless engine megabytes of memory.
    const id = input.id ?? `export-${this.options.clock.wall().toString(36)}-${(++sequence).toString(36)}`;
    if (this.running.has(id)) throw new Error(`an export with id "${id}" is already running`);
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      const result = await runExport(this.options.store, input, {
        host: this.options.host,
        id,
        signal: controller.signal,
        onProgress: this.options.emitProgress,
        output,
      });
      this.options.emitDone({ id, ok: true, result });
      this.options.log.info({ id, rows: result.rows, bytes: result.bytes, path: result.path }, 'export written');
      return result;
    } catch (error) {
      const cancelled = (error as Error).name === 'AbortError';
      this.options.emitDone({ id, ok: false, cancelled, error: (error as Error).message });
      throw error;
    } finally {
      this.running.delete(id);
    }
  }

  cancel(id: string): { cancelled: boolean } {
    const controller = this.running.get(id);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** Turns the hourly archive on or off, or moves it to another folder. */
  configure(settings: ArchiveSettings): void {
    const changed = JSON.stringify(settings) !== JSON.stringify(this.settings);
    this.settings = settings;
    if (!this.started || (!changed && (this.archiveJob !== null) === settings.enabled)) return;
    void this.archiveJob?.stop();
    this.archiveJob = null;
    this.archive = null;
    if (!settings.enabled || settings.folder === null) return;
    const { store, host, log } = this.options;
    const archive = new HourlyArchive({ store, db: store.connection, folder: settings.folder, host, log });
    this.archive = archive;
    const runOnce = async () => {
      const report = await archive.runOnce(this.options.clock.wall());
      if (report.written > 0 || report.failed > 0) log.info({ ...report, folder: settings.folder }, 'hourly archive');
    };
    this.archiveJob = new RepeatingJob(
      'hourly-archive',
      HOUR,
      runOnce,
      undefined,
      (error) => log.warn({ err: error }, 'hourly archive failed'),
      ARCHIVE_OFFSET_MS,
    );
    this.archiveJob.start();
    // Hours missed while the engine was not running are filled now, not in an hour.
    runOnce().catch((error: unknown) => log.warn({ err: error }, 'hourly archive failed'));
  }

  /** The archive's job table summary; null when the archive is off. Works before `start` too (doctor). */
  archiveStatus(): ReturnType<HourlyArchive['status']> | null {
    if (this.archive) return this.archive.status();
    if (!this.settings.enabled || this.settings.folder === null) return null;
    const { store, host, log } = this.options;
    return new HourlyArchive({ store, db: store.connection, folder: this.settings.folder, host, log }).status();
  }
}
