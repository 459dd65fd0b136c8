/**
 * The settings module: serves `getSettings` and `updateSettings` over the settings service, and
 * applies the `log` section (the level) live.
 *
 * @example
 * await engine.updateSettings({ log: { level: 'debug' } }); // the log is at debug from now on
 */
import type { Settings } from '../../../shared/settings.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';

export const settingsModule = defineModule({
  name: 'settings',
  methods: ['getSettings', 'updateSettings'],
  sections: ['log'],
  migrations: {},
  create: ({ settings, log }: EngineServices) => ({
    handlers: {
      getSettings: async () => settings.current(),
      updateSettings: (patch: Record<string, unknown>) => settings.update(patch),
    },
    configure: (next: Pick<Settings, 'log'>) => {
      log.level = next.log.level;
    },
  }),
});
