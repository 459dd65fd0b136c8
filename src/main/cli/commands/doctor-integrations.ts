/**
 * The doctor's findings about the pull and home integrations. Doctor runs beside (not inside) the
 * engine, so it looks from outside, as Prometheus and Home Assistant would: it scrapes the
 * configured `/metrics` address with the configured credential, and makes one connection to the
 * broker with the MQTT settings (no will, nothing published).
 *
 * @example
 * for (const finding of await integrationFindings(engine)) add(finding.check, finding.status, finding.detail);
 */
import type { Engine } from '../../engine/engine.js';
import { scrapeAuthSchema, type ScrapeAuth } from '../../../shared/prometheus-settings.js';
import type { Clear } from '../../../shared/secrets.js';
import type { Settings } from '../../../shared/settings.js';
import { countOf } from '../format.js';
import type { Finding } from './doctor-features.js';

const PROBE_MS = 3000;

function authorization(auth: Clear<ScrapeAuth>): Record<string, string> {
  if (auth === null) return {};
  if (auth.type === 'bearer') return { authorization: `Bearer ${auth.token}` };
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
}

async function prometheusFinding(engine: Engine, settings: Settings['prometheus']): Promise<Finding> {
  const check = 'prometheus';
  if (!settings.enabled)
    return { check, status: 'ok', detail: 'off (prometheus.enabled is false; dashlight run --metrics turns it on)' };
  let auth: Clear<ScrapeAuth>;
  try {
    auth = engine.openSetting(scrapeAuthSchema, (stored) => stored.prometheus.auth);
  } catch (error) {
    return { check, status: 'fail', detail: `prometheus.auth.${(error as Error).message}` };
  }
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${['0.0.0.0', '::'].includes(settings.host) ? '127.0.0.1' : host}:${settings.port}/metrics`;
  try {
    const reply = await fetch(url, { headers: authorization(auth), signal: AbortSignal.timeout(PROBE_MS) });
    const body = await reply.text();
    if (reply.status === 401)
      return {
        check,
        status: 'fail',
        detail: `${url} refused the credential in prometheus.auth: is another Dashlight running there with other settings?`,
      };
    if (!reply.ok || !body.includes('dashlight_build_info'))
      return {
        check,
        status: 'fail',
        detail: `${url} answers, but not as Dashlight (HTTP ${reply.status}): another program has the port`,
      };
    const families = body.split('\n').filter((line) => line.startsWith('# TYPE ')).length;
    return {
      check,
      status: 'ok',
      detail: `${url}: served by a running Dashlight, ${countOf(families, 'metric family', 'metric families')}`,
    };
  } catch {
    return {
      check,
      status: 'warn',
      detail: `on, but nothing answers at ${url}: Dashlight is not running there (dashlight run, or the tray app)`,
    };
  }
}

export async function integrationFindings(engine: Engine): Promise<Finding[]> {
  const settings = await engine.getSettings();
  const findings = [await prometheusFinding(engine, settings.prometheus)];
  if (!settings.mqtt.enabled) {
    findings.push({ check: 'mqtt', status: 'ok', detail: 'off (mqtt.enabled is false)' });
    return findings;
  }
  const [test, status] = await Promise.all([engine.testMqtt(), engine.mqttStatus()]);
  const announced = settings.mqtt.discovery
    ? `${countOf(status.entities, 'Home Assistant entity', 'Home Assistant entities')} announced`
    : 'Home Assistant discovery off';
  findings.push({
    check: 'mqtt',
    status: test.ok ? 'ok' : 'fail',
    detail: test.ok ? `${test.detail}; ${announced}; state on ${status.stateTopic}` : test.detail,
  });
  return findings;
}
