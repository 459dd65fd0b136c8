/**
 * What an engine is opened with. Everything but paths, settings and log has a working default;
 * the rest are seams for tests and for the desktop shell.
 *
 * @example
 * const engine = await Engine.open({ paths: resolveDataPaths({}), settings, log });
 */
import type { Settings } from '../../shared/settings.js';
import type { Notifier } from './alerts/notify/notifier.js';
import type { ProcessTable } from './collect/processes/process-snapshot.js';
import type { ProcessReader } from './collect/processes/top-processes.js';
import type { Collector } from './collect/types.js';
import type { Logger } from './log/logger.js';
import type { DataPaths } from './paths.js';
import type { Clock } from './schedule/clock.js';
import type { SettingsSaver } from './core/settings-service.js';
import type { SecretCodec } from './settings/secret-codec.js';
import type { PaceOptions } from './store/pacer.js';

export interface EngineOptions {
  readonly paths: DataPaths;
  readonly settings: Settings;
  readonly log: Logger;
  /**
   * Where updateSettings persists, and how secrets are sealed and opened (its `codec`); defaults to
   * `config.json` in the data folder, headless. The CLI passes the store it loaded the settings
   * from; the desktop shell its electron-store backend with the OS keyring.
   */
  readonly settingsStore?: SettingsSaver & { readonly codec: SecretCodec };
  /** Injected in tests; defaults to this OS's collectors. */
  readonly collectors?: { hot: Collector[]; slow: Collector[] };
  readonly clock?: Clock;
  /** Extra notification channels (the desktop shell's); log and webhook are built in. */
  readonly notifiers?: readonly Notifier[];
  /** Injected in tests; defaults to this OS's process list reader. */
  readonly processes?: ProcessReader;
  /** The machine's name on pushes, scrapes and MQTT; defaults to the OS host name (tests run two "hosts"). */
  readonly host?: string;
  /** Injected in tests; defaults to this OS's process table (process history, live list, process rules). */
  readonly processTable?: ProcessTable;
  /** Minutes since local midnight (quiet hours); injected in tests. */
  readonly minutesOfDay?: (epochMs: number) => number;
  /**
   * `write` (the default): this engine samples and writes, so it takes the database's writer lock
   * (store/writer-lock.ts) and is refused while another process holds it. `read`: queries only;
   * the database is opened read-only (when it exists), beside a running writer, in a read-only
   * folder, on a full disk.
   */
  readonly access?: 'write' | 'read';
  /** Who holds the writer lock, as a second writer is told: `dashlight run --serve`, `the Dashlight tray app`. */
  readonly command?: string;
  /** How long queries scan between turns of the event loop; tests yield after every chunk. */
  readonly queryPace?: PaceOptions;
}
