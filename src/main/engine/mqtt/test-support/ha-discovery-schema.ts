/**
 * Home Assistant's MQTT discovery schema, written out by hand from its documentation (the MQTT
 * integration's "MQTT Discovery" section, the MQTT sensor and MQTT binary sensor option lists, and
 * the sensor device classes with their units), so discovery configs are checked against what Home
 * Assistant documents, not against what Dashlight's own code says.
 *
 * `discoveryProblems` returns every way a config departs from it: an option Home Assistant does
 * not document for that platform, a value of the wrong type, a missing required option, a device
 * class with a unit it does not take, a topic id outside `[a-zA-Z0-9_-]`.
 *
 * @example
 * discoveryProblems('homeassistant/sensor/desk/cpu_total/config', payload) // [] when it is valid
 */

type OptionType = 'string' | 'integer' | 'boolean' | 'map' | 'template' | 'icon' | 'list-or-string';

/** Options both platforms document (availability, device, entity and state options). */
const COMMON: Readonly<Record<string, OptionType>> = {
  availability_mode: 'string',
  availability_template: 'template',
  availability_topic: 'string',
  device: 'map',
  device_class: 'string',
  enabled_by_default: 'boolean',
  encoding: 'string',
  entity_category: 'string',
  entity_picture: 'string',
  expire_after: 'integer',
  force_update: 'boolean',
  icon: 'icon',
  json_attributes_template: 'template',
  json_attributes_topic: 'string',
  name: 'string',
  object_id: 'string',
  payload_available: 'string',
  payload_not_available: 'string',
  qos: 'integer',
  state_topic: 'string',
  unique_id: 'string',
  value_template: 'template',
  // "It is recommended to add information about the origin of MQTT entities by including the origin option."
  origin: 'map',
};

/** MQTT sensor: the common options and these. */
const SENSOR: Readonly<Record<string, OptionType>> = {
  ...COMMON,
  last_reset_value_template: 'template',
  state_class: 'string',
  suggested_display_precision: 'integer',
  unit_of_measurement: 'string',
};

/** MQTT binary sensor: the common options and these. */
const BINARY_SENSOR: Readonly<Record<string, OptionType>> = {
  ...COMMON,
  off_delay: 'integer',
  payload_off: 'string',
  payload_on: 'string',
};

/** `device` keys. */
const DEVICE: Readonly<Record<string, OptionType>> = {
  configuration_url: 'string',
  connections: 'list-or-string',
  hw_version: 'string',
  identifiers: 'list-or-string',
  manufacturer: 'string',
  model: 'string',
  model_id: 'string',
  name: 'string',
  serial_number: 'string',
  suggested_area: 'string',
  sw_version: 'string',
  via_device: 'string',
};

/** `origin` keys: name (required), sw_version, support_url. */
const ORIGIN: Readonly<Record<string, OptionType>> = { name: 'string', sw_version: 'string', support_url: 'string' };

/** Sensor device classes Dashlight could use, with the units Home Assistant lists for each. */
export const SENSOR_DEVICE_CLASS_UNITS: Readonly<Record<string, readonly string[]>> = {
  battery: ['%'],
  data_rate: ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'B/s', 'kB/s', 'MB/s', 'GB/s', 'KiB/s', 'MiB/s', 'GiB/s'],
  data_size: [
    ...['bit', 'kbit', 'Mbit', 'Gbit', 'B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'],
    ...['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'],
  ],
  duration: ['d', 'h', 'min', 's', 'ms'],
  frequency: ['Hz', 'kHz', 'MHz', 'GHz'],
  power: ['mW', 'W', 'kW', 'MW', 'GW', 'TW'],
  temperature: ['°C', '°F', 'K'],
};

export const BINARY_SENSOR_DEVICE_CLASSES = [
  ...['battery', 'battery_charging', 'carbon_monoxide', 'cold', 'connectivity', 'door', 'garage_door', 'gas'],
  ...['heat', 'light', 'lock', 'moisture', 'motion', 'moving', 'occupancy', 'opening', 'plug', 'power'],
  ...['presence', 'problem', 'running', 'safety', 'smoke', 'sound', 'tamper', 'update', 'vibration', 'window'],
];

/** The sensor state classes Home Assistant's developer documentation lists. */
export const STATE_CLASSES = ['measurement', 'measurement_angle', 'total', 'total_increasing'];

/** `<discovery_prefix>/<component>/[<node_id>/]<object_id>/config`, ids from `[a-zA-Z0-9_-]`. */
const DISCOVERY_TOPIC =
  /^([^/]+(?:\/[^/]+)*)\/(sensor|binary_sensor)\/(?:([a-zA-Z0-9_-]+)\/)?([a-zA-Z0-9_-]+)\/config$/;

function typeProblem(type: OptionType, value: unknown): string | null {
  switch (type) {
    case 'string':
    case 'template':
      return typeof value === 'string' ? null : 'is not a string';
    case 'icon':
      return typeof value === 'string' && /^[a-z]+:[a-z0-9-]+$/.test(value) ? null : 'is not an icon like mdi:name';
    case 'integer':
      return Number.isInteger(value) ? null : 'is not an integer';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'is not a boolean';
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'is not a map';
    case 'list-or-string':
      return typeof value === 'string' || Array.isArray(value) ? null : 'is neither a list nor a string';
  }
}

function checkKeys(
  where: string,
  value: Record<string, unknown>,
  schema: Readonly<Record<string, OptionType>>,
  problems: string[],
): void {
  for (const [key, item] of Object.entries(value)) {
    const type = schema[key];
    if (type === undefined) problems.push(`${where}${key}: not an option Home Assistant documents here`);
    else {
      const problem = typeProblem(type, item);
      if (problem) problems.push(`${where}${key} ${problem}`);
    }
  }
}

export function discoveryProblems(topic: string, payload: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const match = DISCOVERY_TOPIC.exec(topic);
  if (!match) return [`topic ${topic} is not <prefix>/<component>/<node_id>/<object_id>/config`];
  const component = match[2] as 'sensor' | 'binary_sensor';
  checkKeys('', payload, component === 'sensor' ? SENSOR : BINARY_SENSOR, problems);
  if (typeof payload.state_topic !== 'string') problems.push('state_topic is required');
  if (typeof payload.unique_id !== 'string') problems.push('unique_id is needed for a device');
  const device = payload.device as Record<string, unknown> | undefined;
  if (device) {
    checkKeys('device.', device, DEVICE, problems);
    if (device.identifiers === undefined && device.connections === undefined)
      problems.push('device needs identifiers or connections');
  }
  const origin = payload.origin as Record<string, unknown> | undefined;
  if (origin) {
    checkKeys('origin.', origin, ORIGIN, problems);
    if (typeof origin.name !== 'string') problems.push('origin.name is required');
  }
  const deviceClass = payload.device_class;
  if (component === 'sensor') {
    if (deviceClass !== undefined && deviceClass !== null) {
      const units = SENSOR_DEVICE_CLASS_UNITS[deviceClass as string];
      if (!units) problems.push(`device_class ${String(deviceClass)} is not a sensor device class used here`);
      else if (!units.includes(payload.unit_of_measurement as string))
        problems.push(
          `unit ${String(payload.unit_of_measurement)} is not one of ${deviceClass}'s: ${units.join(', ')}`,
        );
    }
    if (payload.state_class !== undefined && !STATE_CLASSES.includes(payload.state_class as string))
      problems.push(`state_class ${String(payload.state_class)} is not a state class`);
  } else if (deviceClass !== undefined && !BINARY_SENSOR_DEVICE_CLASSES.includes(deviceClass as string)) {
    problems.push(`device_class ${String(deviceClass)} is not a binary sensor device class`);
  }
  if (payload.qos !== undefined && ![0, 1, 2].includes(payload.qos as number)) problems.push('qos is not 0, 1 or 2');
  return problems;
}
