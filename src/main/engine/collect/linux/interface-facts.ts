/**
 * What sysfs says about each network interface (/sys/class/net/<name>): whether a bus device
 * backs it, its ARPHRD type, its DEVTYPE, and whether it is a bridge, a bond or a tun/tap. Read
 * once per interface and kept while it exists, so a tick costs nothing for interfaces already
 * seen, and a day of pods coming and going leaves no trace here.
 *
 * @example
 * const facts = new InterfaceFactsReader('/sys');
 * await facts.read(['eth0', 'cali1b2c3d4e5f6']) // Map { 'eth0' => { device: true, type: 1 }, … }
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { InterfaceFacts } from '../interface-kind.js';
import { readProcNumber, readProcText } from './read-proc.js';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export class InterfaceFactsReader {
  private readonly known = new Map<string, InterfaceFacts | null>();

  constructor(private readonly sysRoot: string = '/sys') {}

  /** Facts per name (null: sysfs has no entry for it); forgets interfaces no longer listed. */
  async read(names: readonly string[]): Promise<ReadonlyMap<string, InterfaceFacts | null>> {
    const listed = new Set(names);
    for (const name of this.known.keys()) if (!listed.has(name)) this.known.delete(name);
    const fresh = names.filter((name) => !this.known.has(name));
    const facts = await Promise.all(fresh.map((name) => this.readOne(name)));
    fresh.forEach((name, i) => this.known.set(name, facts[i]!));
    return this.known;
  }

  /** Interfaces remembered now (for tests: it must not grow with churn). */
  get size(): number {
    return this.known.size;
  }

  private async readOne(name: string): Promise<InterfaceFacts | null> {
    // A name with a slash cannot be an interface; never let it walk the tree.
    if (name.includes('/') || name === '.' || name === '..') return null;
    const base = join(this.sysRoot, 'class/net', name);
    const [type, uevent, device, bridge, bond, tun] = await Promise.all([
      readProcNumber(base, 'type'),
      readProcText(base, 'uevent'),
      exists(join(base, 'device')),
      exists(join(base, 'bridge')),
      exists(join(base, 'bonding')),
      exists(join(base, 'tun_flags')),
    ]);
    if (type === undefined && uevent === undefined) return null;
    const devtype = /^DEVTYPE=(.+)$/m.exec(uevent ?? '')?.[1]?.trim();
    return {
      device,
      ...(type !== undefined ? { type } : {}),
      ...(devtype ? { devtype } : {}),
      ...(bridge ? { bridge } : {}),
      ...(bond ? { bond } : {}),
      ...(tun ? { tun } : {}),
    };
  }
}
