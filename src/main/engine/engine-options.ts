/**
 * What an engine is opened with. Everything but paths, settings and log has a working default;
 * the rest are seams for tests and for the desktop shell.
 *
 * @example
 * const engine = await Engine.open({ paths: resolveDataPaths({}), settings, log });
 */
import type { Settings } from '../../shared/settings.js';
import type { Notifier } from './alerts/notify/notifier.js';
import type { ProcessReader } from './collect/processes/top-processes.js';
import type { Collector } from './collect/types.js';
import type { Logger } from './log/logger.js';
import type { DataPaths } from './paths.js';
import type { Clock } from './schedule/clock.js';
import type { PaceOptions } from './store/pacer.js';
import type { SettingsFile } from './settings/settings-file.js';

export interface EngineOptions {
  readonly paths: DataPaths;
  readonly settings: Settings;
  readonly log: Logger;
  /**
   * Where updateSettings persists; defaults to `config.json` in the data folder. The desktop shell
   * passes its electron-store, which keeps the same file.
   */
  readonly settingsFile?: Pick<SettingsFile, 'save'>;
  /** Injected in tests; defaults to this OS's collectors. */
  readonly collectors?: { hot: Collector[]; slow: Collector[] };
  readonly clock?: Clock;
  /** Extra notification channels (the desktop shell's); log and webhook are built in. */
  readonly notifiers?: readonly Notifier[];
  /** Injected in tests; defaults to this OS's process list reader. */
  readonly processes?: ProcessReader;
  /** Minutes since local midnight (quiet hours); injected in tests. */
  readonly minutesOfDay?: (epochMs: number) => number;
  /** How long queries scan between turns of the event loop; tests yield after every chunk. */
  readonly queryPace?: PaceOptions;
}
