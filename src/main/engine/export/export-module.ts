/**
 * The export module: exports that can be followed (`exportProgress`, `exportDone`) and cancelled
 * by id, and the optional hourly archive of the `archive` settings section.
 *
 * @example
 * await engine.export({ format: 'csv', from, to, resolution: 'auto', metrics: null, path: '/tmp/x.csv' });
 */
import type { MethodParsedInput } from '../../../shared/contract.js';
import type { ExportInput, ExportResult } from '../../../shared/export.js';
import type { Settings } from '../../../shared/settings.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { ExportService } from './export-service.js';
import { m0003Archive } from './migration-0003-archive.js';

class ExportModule {
  private readonly exports: ExportService;

  constructor(services: EngineServices) {
    const { store, host, log, clock, events, settings } = services;
    this.exports = new ExportService({
      store,
      host,
      log,
      clock,
      settings: settings.current().archive,
      emitProgress: (progress) => events.emit('exportProgress', progress),
      emitDone: (done) => events.emit('exportDone', done),
    });
  }

  readonly handlers = {
    export: (input: MethodParsedInput<'export'>) => this.exports.run(input),
    cancelExport: async ({ id }: MethodParsedInput<'cancelExport'>) => this.exports.cancel(id),
  };

  start(): void {
    this.exports.start();
  }

  stop(): Promise<void> {
    return this.exports.stop();
  }

  configure(settings: Pick<Settings, 'archive'>): void {
    this.exports.configure(settings.archive);
  }

  /** The CLI's `--out -`: the same export, written to a stream instead of a file. */
  exportTo(input: ExportInput, output: NodeJS.WritableStream): Promise<ExportResult> {
    return this.exports.run(input, output);
  }

  /** The hourly archive's state (doctor, the dashboard); null when it is off. */
  archiveStatus(): ReturnType<ExportService['archiveStatus']> {
    return this.exports.archiveStatus();
  }
}

export const exportModule = defineModule({
  name: 'export',
  methods: ['export', 'cancelExport'],
  sections: ['archive'],
  migrations: { '0003_export_push': m0003Archive },
  create: (services: EngineServices) => new ExportModule(services),
});
