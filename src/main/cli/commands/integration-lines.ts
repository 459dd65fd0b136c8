/**
 * What `dashlight run` says about the pull and home integrations on its terminal: where `/metrics`
 * is served (with a warning when other machines can reach it), where MQTT publishes, and each MQTT
 * problem once when it starts and once when it clears (a wrong password, a broker gone), never once
 * per retry. A Prometheus endpoint that cannot listen is returned as `failed`: `run --metrics`
 * then stops, as it would for a taken `--port`.
 *
 * @example
 * const lines = await integrationLines(engine, { info: say, warn: (l) => io.err(l) });
 * if (lines.failed) throw new UsageError(lines.failed);
 * …; lines.stop();
 */
import type { Engine } from '../../engine/engine.js';
import { isLoopbackHost } from '../../engine/net/loopback.js';
import { formatDuration } from '../../../shared/time.js';

/** How often the MQTT link is looked at for news. */
const WATCH_MS = 2000;

export interface IntegrationLines {
  /** Why the Prometheus endpoint could not start, or null. */
  readonly failed: string | null;
  stop(): void;
}

export function metricsReachableWarning(host: string, auth: 'none' | 'bearer' | 'basic'): string {
  return auth === 'none'
    ? `dashlight: warning: --metrics-host ${host} makes the metrics reachable from other machines, over plain HTTP, ` +
        'with no credential: anyone on that network can read them. Set prometheus.auth (a bearer token or basic auth) ' +
        'in the settings, or keep the default 127.0.0.1.'
    : `dashlight: warning: --metrics-host ${host} makes the metrics reachable from other machines over plain HTTP; ` +
        `the ${auth} credential crosses the network in clear. Use it on a network you trust, or behind a TLS proxy.`;
}

export async function integrationLines(
  engine: Engine,
  say: { info: (line: string) => void; warn: (line: string) => void },
): Promise<IntegrationLines> {
  const settings = await engine.getSettings();
  if (settings.prometheus.enabled) {
    const status = await engine.prometheusStatus();
    if (status.error !== null) return { failed: status.error, stop: () => {} };
    if (!isLoopbackHost(settings.prometheus.host))
      say.warn(metricsReachableWarning(settings.prometheus.host, status.auth));
    say.info(`metrics: ${status.url}${status.auth === 'none' ? '' : ` (${status.auth} auth)`}`);
  }
  if (!settings.mqtt.enabled) return { failed: null, stop: () => {} };
  const first = await engine.mqttStatus();
  const discovery = settings.mqtt.discovery ? ', with Home Assistant discovery' : '';
  say.info(
    `mqtt: publishing to ${first.broker} every ${formatDuration(settings.mqtt.interval)} as ${first.nodeId} (${first.stateTopic})${discovery}`,
  );
  let reported: string | null = null;
  const timer = setInterval(() => {
    void engine
      .mqttStatus()
      .then((status) => {
        if (status.state === 'connected' && reported !== null) {
          say.info(`mqtt: connected to ${status.broker}`);
          reported = null;
        } else if (status.state !== 'connected' && status.lastError !== null && status.lastError !== reported) {
          say.warn(`dashlight: mqtt: ${status.lastError}; trying again with growing waits (see dashlight doctor)`);
          reported = status.lastError;
        }
      })
      .catch(() => {});
  }, WATCH_MS);
  timer.unref();
  return { failed: null, stop: () => clearInterval(timer) };
}
