/**
 * Statuses of the Prometheus endpoint and the MQTT link for component tests: both off, and
 * helpers to turn them into the case a test needs.
 *
 * @example
 * client.respond('mqttStatus', { ...MQTT_OFF, enabled: true, state: 'connected' });
 */
import type { MqttStatus, PrometheusStatus } from '../../shared/integrations.js';

export const PROMETHEUS_OFF: PrometheusStatus = {
  enabled: false,
  url: null,
  auth: 'none',
  scrapes: 0,
  refused: 0,
  lastScrapeAt: null,
  lastScraper: null,
  error: null,
};

export const MQTT_OFF: MqttStatus = {
  enabled: false,
  broker: 'mqtt://127.0.0.1:1883',
  state: 'off',
  nodeId: 'desk',
  stateTopic: 'dashlight/desk/state',
  availabilityTopic: 'dashlight/desk/availability',
  connectedSince: null,
  published: 0,
  lastPublishAt: null,
  entities: 0,
  lastError: null,
  lastErrorAt: null,
  nextAttempt: null,
};
