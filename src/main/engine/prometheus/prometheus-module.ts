/**
 * The Prometheus module: the pull side. It keeps every series' newest value from the sample stream
 * (core/latest-values.ts) and, while `prometheus.enabled`, serves them on `GET /metrics` from a
 * listener of its own (scrape-server.ts, loaded only then). A scrape reads memory only: the newest
 * values, the top apps of the newest process pass (the `processes` event, top-apps.ts), the
 * engine's counters and its own CPU and memory. Turning it on, off or moving it in
 * the settings takes effect at once; a port that is taken is reported in `prometheusStatus` (and by
 * `dashlight run --metrics`, which then stops), never as a crash of the engine.
 *
 * @example
 * await engine.updateSettings({ prometheus: { enabled: true } });
 * await engine.prometheusStatus(); // { url: 'http://127.0.0.1:9437/metrics', scrapes: 0, … }
 */
import type { PrometheusStatus } from '../../../shared/integrations.js';
import { processInterval } from '../../../shared/process-settings.js';
import { scrapeAuthSchema, type PrometheusSettings } from '../../../shared/prometheus-settings.js';
import type { Clear } from '../../../shared/secrets.js';
import type { Settings } from '../../../shared/settings.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { horizonsFor, LatestValues } from '../core/latest-values.js';
import { VERSION } from '../version.js';
import type { ScrapeState } from './exposition.js';
import type { RunningScrapeServer } from './scrape-server.js';
import { LatestApps, processHorizonMs } from './top-apps.js';

type Sections = Pick<Settings, 'prometheus' | 'sampling' | 'processes'>;

export class PrometheusModule {
  private readonly latest = new LatestValues();
  private readonly apps = new LatestApps();
  private settings: PrometheusSettings;
  private server: RunningScrapeServer | null = null;
  private started = false;
  /** Listener changes run one after another: a quick off-on-off must end off. */
  private applying: Promise<void> = Promise.resolve();
  private readonly startTimeSeconds: number;
  private scrapes = 0;
  private refused = 0;
  private lastScrapeAt: number | null = null;
  private lastScraper: string | null = null;
  private error: string | null = null;

  constructor(private readonly services: EngineServices) {
    this.settings = services.settings.current().prometheus;
    // The monotonic clock starts with the process: wall now less it is when the process began.
    this.startTimeSeconds = (services.clock.wall() - services.clock.mono()) / 1000;
    services.samples.subscribe('prometheus', (sample) => this.latest.push(sample));
    // A pass already under way when process history was turned off may still arrive: off means none.
    services.events.on('processes', (live) => {
      if (services.settings.current().processes.enabled) this.apps.observe(live);
    });
  }

  readonly handlers = {
    prometheusStatus: async (): Promise<PrometheusStatus> => {
      await this.applying;
      return this.status();
    },
  };

  start(): Promise<void> {
    this.started = true;
    return this.apply(this.settings);
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.apply(this.settings);
  }

  configure(next: Sections): void {
    if (!next.processes.enabled) this.apps.clear();
    const before = JSON.stringify(this.settings);
    this.settings = next.prometheus;
    if (JSON.stringify(next.prometheus) !== before) void this.apply(next.prometheus);
  }

  /** What one scrape answers from; no disk read. */
  scrapeState(): ScrapeState {
    const cpu = process.cpuUsage();
    const now = this.services.clock.wall();
    const { sampling, processes } = this.services.settings.current();
    return {
      values: this.latest.fresh(now, horizonsFor(sampling)),
      samples: this.latest.samples,
      gaps: this.latest.gaps,
      lastSampleTs: this.latest.lastTs,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssBytes: process.memoryUsage.rss(),
      startTimeSeconds: this.startTimeSeconds,
      apps: this.apps.fresh(now, processHorizonMs(processInterval(processes, process.platform))),
    };
  }

  private status(): PrometheusStatus {
    const auth = this.settings.auth;
    return {
      enabled: this.settings.enabled,
      url: this.server?.url ?? null,
      auth: auth === null ? 'none' : auth.type,
      scrapes: this.scrapes,
      refused: this.refused,
      lastScrapeAt: this.lastScrapeAt,
      lastScraper: this.lastScraper,
      error: this.error,
    };
  }

  /**
   * The credential in clear, opened only to start the listener. One that cannot be opened keeps the
   * endpoint closed (status and doctor say why) rather than serving it to anyone.
   */
  private openAuth(settings: PrometheusSettings): Clear<PrometheusSettings['auth']> {
    try {
      return this.services.secrets.openAll(scrapeAuthSchema, settings.auth);
    } catch (error) {
      throw new Error(`not listening: prometheus.auth.${(error as Error).message}`, { cause: error });
    }
  }

  private apply(settings: PrometheusSettings): Promise<void> {
    this.applying = this.applying.then(() => this.listen(settings));
    return this.applying;
  }

  private async listen(settings: PrometheusSettings): Promise<void> {
    const { log } = this.services;
    await this.server?.close();
    this.server = null;
    this.error = null;
    if (!this.started || !settings.enabled) return;
    try {
      // Loaded here: node:http and the writer cost an engine without the endpoint nothing.
      const [{ startScrapeServer }, { Exposition }] = await Promise.all([
        import('./scrape-server.js'),
        import('./exposition.js'),
      ]);
      const exposition = new Exposition({
        host: this.services.host,
        version: VERSION,
        read: () => this.scrapeState(),
      });
      this.server = await startScrapeServer({
        host: settings.host,
        port: settings.port,
        auth: this.openAuth(settings),
        exposition,
        hooks: {
          scraped: (remote) => {
            this.scrapes++;
            this.lastScrapeAt = this.services.clock.wall();
            this.lastScraper = remote;
          },
          refused: () => void this.refused++,
          failed: (error) => log.error({ err: error }, 'a /metrics scrape failed'),
        },
      });
      log.info({ url: this.server.url, auth: settings.auth?.type ?? 'none' }, 'Prometheus endpoint listening');
    } catch (error) {
      this.error = (error as Error).message;
      log.warn({ err: error }, 'the Prometheus endpoint is not listening');
    }
  }
}

export const prometheusModule = defineModule({
  name: 'prometheus',
  methods: ['prometheusStatus'],
  sections: ['prometheus', 'sampling', 'processes'],
  migrations: {},
  create: (services: EngineServices) => new PrometheusModule(services),
});
