/**
 * Home Assistant MQTT discovery: one retained config per entity at
 * `<discoveryPrefix>/<component>/<node>/<object>/config`, all tied to one device (this machine)
 * through `device.identifiers`, reading the one JSON state topic with a `value_template`, and
 * available while `<prefix>/<node>/availability` says `online`. Full option names (no
 * abbreviations), so a config reads as Home Assistant's documentation writes it.
 *
 * The state message (`stateMessage`) carries every chosen series by object id, `null` for one with
 * no current value: Home Assistant shows that entity as unknown rather than keeping an old value.
 *
 * @example
 * const { topic, payload } = discoveryConfig(haEntity('cpu.total')!, context);
 * // homeassistant/sensor/desk/cpu_total/config
 * // { name: 'CPU busy', unique_id: 'dashlight_desk_cpu_total', state_topic: 'dashlight/desk/state', … }
 */
import type { HaEntity } from './ha-entities.js';
import type { MqttTopics } from './mqtt-topics.js';

/** What every config of this machine shares. */
export interface DiscoveryContext {
  readonly topics: MqttTopics;
  /** The machine's name as Home Assistant shows the device. */
  readonly host: string;
  /** e.g. "Linux 6.1 x64". */
  readonly model: string;
  readonly version: string;
  readonly qos: 0 | 1 | 2;
  /** Seconds without a state message after which Home Assistant shows the entity as unavailable. */
  readonly expireAfter: number;
}

export interface DiscoveryMessage {
  readonly topic: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export const AVAILABLE = 'online';
export const NOT_AVAILABLE = 'offline';

/** `{{ value_json.cpu_total }}`; for a yes/no series, ON/OFF (and None, unknown, for null). */
function valueTemplate(entity: HaEntity): string {
  const field = `value_json.${entity.objectId}`;
  if (entity.component === 'binary_sensor') {
    return `{% if ${field} is none %}None{% elif ${field} %}ON{% else %}OFF{% endif %}`;
  }
  return `{{ ${field} }}`;
}

export function discoveryConfig(entity: HaEntity, context: DiscoveryContext): DiscoveryMessage {
  const { topics } = context;
  const optional = {
    ...(entity.deviceClass === null ? {} : { device_class: entity.deviceClass }),
    ...(entity.stateClass === null ? {} : { state_class: entity.stateClass }),
    ...(entity.unit === null ? {} : { unit_of_measurement: entity.unit }),
    ...(entity.precision === null ? {} : { suggested_display_precision: entity.precision }),
    ...(entity.icon === null ? {} : { icon: entity.icon }),
    ...(entity.component === 'binary_sensor' ? { payload_on: 'ON', payload_off: 'OFF' } : {}),
  };
  return {
    topic: topics.config(entity.component, entity.objectId),
    payload: {
      name: entity.name,
      unique_id: `dashlight_${topics.node}_${entity.objectId}`,
      state_topic: topics.state,
      value_template: valueTemplate(entity),
      ...optional,
      availability_topic: topics.availability,
      payload_available: AVAILABLE,
      payload_not_available: NOT_AVAILABLE,
      expire_after: context.expireAfter,
      qos: context.qos,
      device: {
        identifiers: [`dashlight_${topics.node}`],
        name: context.host,
        manufacturer: 'Dashlight',
        model: context.model,
        sw_version: context.version,
      },
      origin: { name: 'Dashlight', sw_version: context.version },
    },
  };
}

/**
 * One state message: the time it describes and each entity's newest value, or null.
 *
 * @example
 * stateMessage(1767225600000, entities, (key) => values.get(key) ?? null)
 * // '{"time":"2026-01-01T00:00:00.000Z","cpu_total":12.5,"mem_percent":null}'
 */
export function stateMessage(
  ts: number,
  entities: readonly HaEntity[],
  valueOf: (key: string) => number | null,
): string {
  const body: Record<string, string | number | null> = { time: new Date(ts).toISOString() };
  for (const entity of entities) {
    const value = valueOf(entity.key);
    body[entity.objectId] = value === null || !Number.isFinite(value) ? null : value;
  }
  return JSON.stringify(body);
}
