/**
 * The diagnostics module: versions, folders, the database's size and (on request) its integrity,
 * for the About view and `dashlight doctor`.
 *
 * @example
 * await engine.diagnostics({ integrity: true }); // { version, runtime: { node, sqlite, … }, db: { integrity: 'ok', … } }
 */
import type { MethodParsedInput } from '../../../shared/contract.js';
import type { DiagnosticsResult } from '../../../shared/diagnostics.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { VERSION } from '../version.js';

class DiagnosticsModule {
  constructor(private readonly services: EngineServices) {}

  readonly handlers = {
    diagnostics: async (input: MethodParsedInput<'diagnostics'>): Promise<DiagnosticsResult> => {
      const { store, options, host } = this.services;
      const info = store.info();
      const { node, v8, electron, chrome } = process.versions as NodeJS.ProcessVersions & {
        electron?: string;
        chrome?: string;
      };
      return {
        version: VERSION,
        runtime: { node, v8, sqlite: store.sqliteVersion(), ...(electron ? { electron, chrome } : {}) },
        platform: process.platform,
        arch: process.arch,
        hostname: host,
        dataDir: options.paths.dataDir,
        logDir: options.paths.logDir,
        db: {
          path: options.paths.dbFile,
          sizeBytes: info.sizeBytes,
          integrity: input?.integrity ? this.integrityCheck() : null,
          quarantined: store.quarantined ?? null,
        },
      };
    },
  };

  /** PRAGMA integrity_check: 'ok' or the problems found (for `doctor`). */
  integrityCheck(): string {
    return this.services.store.integrityCheck();
  }

  /** Every series key this database has stored, in the order first seen (for `dashlight metrics`). */
  knownSeries(): string[] {
    return this.services.store.knownSeries();
  }
}

export const diagnosticsModule = defineModule({
  name: 'diagnostics',
  methods: ['diagnostics'],
  sections: [],
  migrations: {},
  create: (services: EngineServices) => new DiagnosticsModule(services),
});
