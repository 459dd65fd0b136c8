/**
 * Status shapes of the pull and home integrations (the Prometheus endpoint and MQTT), shared by
 * the engine, the CLI's `doctor` and the dashboard's Push view.
 *
 * @example
 * const mqtt = await api.mqttStatus();
 * mqtt.state // 'connected'
 */

export interface PrometheusStatus {
  readonly enabled: boolean;
  /** Where `/metrics` is served, once listening. */
  readonly url: string | null;
  readonly auth: 'none' | 'bearer' | 'basic';
  /** Scrapes answered since the engine started. */
  readonly scrapes: number;
  /** Requests refused for a missing or wrong credential. */
  readonly refused: number;
  readonly lastScrapeAt: number | null;
  /** The address the last scrape came from. */
  readonly lastScraper: string | null;
  /** Why it is not listening (the port is taken, …), or null. */
  readonly error: string | null;
}

export type MqttLinkState = 'off' | 'connecting' | 'connected' | 'waiting';

export interface MqttStatus {
  readonly enabled: boolean;
  /** The broker URL (never with credentials). */
  readonly broker: string;
  readonly state: MqttLinkState;
  readonly nodeId: string;
  readonly stateTopic: string;
  readonly availabilityTopic: string;
  readonly connectedSince: number | null;
  /** State messages published since the engine started. */
  readonly published: number;
  readonly lastPublishAt: number | null;
  /** Home Assistant entities announced (0 with discovery off). */
  readonly entities: number;
  readonly lastError: string | null;
  readonly lastErrorAt: number | null;
  /** When the next connection attempt is due while `waiting`. */
  readonly nextAttempt: number | null;
}

/** What one connection attempt to the broker said (`testMqtt`, `doctor`). */
export interface MqttTestResult {
  readonly ok: boolean;
  readonly detail: string;
  readonly elapsedMs: number;
}
