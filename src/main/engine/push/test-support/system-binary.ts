/**
 * Finding the Debian-packaged servers the push tests run against, by walking PATH and the usual
 * system directories (no shell: `command -v` would need one, and would miss /usr/sbin for users).
 *
 * @example
 * findBinary('victoria-metrics') // '/usr/bin/victoria-metrics', or null when not installed
 * DEBIAN_PACKAGES.influxd // 'influxdb': what to apt-get install when it is missing
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Binary name → the Debian package that provides it. */
export const DEBIAN_PACKAGES = {
  'victoria-metrics': 'victoria-metrics',
  influxd: 'influxdb',
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'prometheus-node-exporter': 'prometheus-node-exporter',
  mosquitto: 'mosquitto',
  mosquitto_passwd: 'mosquitto',
  mosquitto_sub: 'mosquitto-clients',
  mosquitto_pub: 'mosquitto-clients',
} as const;
export type SystemBinary = keyof typeof DEBIAN_PACKAGES;

const SYSTEM_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/bin', '/sbin'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const path = join(dir, name);
    if (isExecutable(path)) return path;
  }
  return null;
}

/** The path of `name`, or an error that says which Debian package to install. */
export function requireBinary(name: SystemBinary, explicit?: string): string {
  const path = explicit ?? findBinary(name);
  if (path === null) {
    throw new Error(`${name} is not installed: apt-get install ${DEBIAN_PACKAGES[name]} (Debian package)`);
  }
  return path;
}
