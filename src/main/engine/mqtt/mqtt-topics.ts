/**
 * Where this machine's messages go. One node per machine (its host name, in the characters Home
 * Assistant allows in discovery topics, unless `mqtt.nodeId` says otherwise):
 *
 * - `<prefix>/<node>/availability`: `online` while connected, `offline` on a clean stop and, by the
 *   last will, when the connection dies (retained);
 * - `<prefix>/<node>/state`: one JSON object per cadence with every chosen series;
 * - `<discoveryPrefix>/<component>/<node>/<object>/config`: one retained discovery config per entity;
 * - `<discoveryPrefix>/status`: Home Assistant's birth message; `online` there asks for discovery again.
 *
 * @example
 * const topics = mqttTopics({ topicPrefix: 'dashlight', discoveryPrefix: 'homeassistant', nodeId: null }, 'Desk PC.lan');
 * topics.node // 'desk_pc_lan'
 * topics.state // 'dashlight/desk_pc_lan/state'
 * topics.config('sensor', 'cpu_total') // 'homeassistant/sensor/desk_pc_lan/cpu_total/config'
 */
import type { MqttSettings } from '../../../shared/mqtt-settings.js';

export interface MqttTopics {
  readonly node: string;
  readonly state: string;
  readonly availability: string;
  /** Home Assistant's birth and last-will topic. */
  readonly homeAssistantStatus: string;
  config(component: string, objectId: string): string;
}

/** Lower case, and anything outside a-z, 0-9 as one `_`; empty when nothing is left. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The node id from the host name, as Home Assistant allows it in a topic (`[a-zA-Z0-9_-]`). */
export function nodeIdFor(host: string): string {
  return slug(host).slice(0, 64) || 'dashlight';
}

export function mqttTopics(
  settings: Pick<MqttSettings, 'topicPrefix' | 'discoveryPrefix' | 'nodeId'>,
  host: string,
): MqttTopics {
  const node = settings.nodeId ?? nodeIdFor(host);
  const base = `${settings.topicPrefix}/${node}`;
  return {
    node,
    state: `${base}/state`,
    availability: `${base}/availability`,
    homeAssistantStatus: `${settings.discoveryPrefix}/status`,
    config: (component, objectId) => `${settings.discoveryPrefix}/${component}/${node}/${objectId}/config`,
  };
}

/** The broker URL as shown in status and messages: never with credentials (the schema refuses them anyway). */
export function brokerLabel(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}
