/**
 * The Push view's state for the pull and home integrations: the Prometheus endpoint's and the MQTT
 * link's status (polled with the push targets, while the view is shown and the page visible), and
 * the broker test.
 *
 * @example
 * onMount(() => integrations.start()); // returns the stop function
 * await integrations.testMqtt(); // integrations.test: { ok: false, detail: 'mqtt://ha.lan:1883 refused …' }
 */
import type { MqttStatus, MqttTestResult, PrometheusStatus } from '../../../shared/integrations.js';
import { ClientError } from '../../lib/client/client.js';
import type { AppState } from '../../lib/app-context.js';
import { pollWhileVisible } from '../../lib/state/poll.js';
import { POLL_MS } from './push-state.svelte.js';

export class IntegrationsState {
  prometheus = $state.raw<PrometheusStatus | null>(null);
  mqtt = $state.raw<MqttStatus | null>(null);
  error = $state<string | null>(null);
  testing = $state(false);
  test = $state.raw<MqttTestResult | null>(null);

  constructor(private readonly app: AppState) {}

  start(): () => void {
    return pollWhileVisible(this.app.live, () => this.refresh(), POLL_MS);
  }

  async refresh(): Promise<void> {
    try {
      const [prometheus, mqtt] = await Promise.all([this.app.client.prometheusStatus(), this.app.client.mqttStatus()]);
      this.prometheus = prometheus;
      this.mqtt = mqtt;
      this.error = null;
    } catch (error) {
      this.error = ClientError.from(error).message;
    }
  }

  /** One connection attempt with the saved settings; nothing is published. */
  async testMqtt(): Promise<void> {
    this.testing = true;
    this.test = null;
    try {
      this.test = await this.app.client.testMqtt();
    } catch (error) {
      this.test = { ok: false, detail: ClientError.from(error).message, elapsedMs: 0 };
    } finally {
      this.testing = false;
    }
  }
}
