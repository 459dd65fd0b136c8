/**
 * The probes module: TCP connect probes to the host:port targets in the settings (none by
 * default), one `probe.connect_seconds[…]` and one `probe.loss_pct[…]` series each, taken with
 * every sample, stored and alertable like any other series. It adds its collector to the set
 * sampling reads and follows the `probes` settings section.
 *
 * @example
 * await engine.updateSettings({ probes: { targets: [{ host: 'db.lan', port: 5432 }] } });
 */
import type { Settings } from '../../../shared/settings.js';
import { ProbeCollector } from '../collect/probes/probe-collector.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';

class ProbesModule {
  private readonly probes: ProbeCollector;
  readonly handlers = {};

  constructor(services: EngineServices) {
    this.probes = new ProbeCollector({ clock: services.clock });
    this.probes.configure(services.settings.current().probes);
    services.collectors.add(this.probes);
  }

  configure(settings: Pick<Settings, 'probes'>): void {
    this.probes.configure(settings.probes);
  }
}

export const probesModule = defineModule({
  name: 'probes',
  methods: [],
  sections: ['probes'],
  migrations: {},
  create: (services: EngineServices) => new ProbesModule(services),
});
