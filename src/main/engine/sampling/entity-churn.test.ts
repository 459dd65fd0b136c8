import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinuxNetworkCollector } from '../collect/linux/network-linux.js';
import { MetricStore } from '../store/metric-store.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { EntityCap } from './entity-cap.js';

const MINUTE = 60_000;
const DAY_TICKS = 1440;

interface Iface {
  readonly name: string;
  /** A bus device backs it (a NIC), or not (a pod's veth). */
  readonly device: boolean;
}

/** procfs and sysfs as a Linux host shows its interfaces: /proc/net/dev and /sys/class/net/<name>. */
class NetFixture {
  readonly proc: string;
  readonly sys: string;
  private shown = new Set<string>();

  constructor(root: string) {
    this.proc = join(root, 'proc');
    this.sys = join(root, 'sys');
    mkdirSync(join(this.proc, 'net'), { recursive: true });
    mkdirSync(join(this.sys, 'class/net'), { recursive: true });
  }

  /** The interfaces present now, each with `bytes` received and sent so far. */
  show(interfaces: readonly Iface[], bytes: (name: string) => number): void {
    const lines = ['Inter-|   Receive  |  Transmit', ' face |bytes    packets|bytes    packets'];
    for (const { name, device } of interfaces) {
      const b = bytes(name);
      lines.push(`${name}: ${b} 1 0 0 0 0 0 0 ${b} 1 0 0 0 0 0 0`);
      if (this.shown.has(name)) continue;
      const dir = join(this.sys, 'class/net', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'type'), '1\n');
      writeFileSync(join(dir, 'uevent'), `INTERFACE=${name}\nIFINDEX=${this.shown.size + 2}\n`);
      if (device) mkdirSync(join(dir, 'device'));
    }
    writeFileSync(join(this.proc, 'net/dev'), `${lines.join('\n')}\n`);
    const now = new Set(interfaces.map((i) => i.name));
    for (const name of this.shown) if (!now.has(name)) rmSync(join(this.sys, 'class/net', name), { recursive: true });
    this.shown = now;
  }
}

/**
 * A day sampled every minute, the clock injected: eth0 all day, and 1,000 interfaces that each
 * live 3 minutes, one starting every 1.44 minutes (a Kubernetes node's pods, or a test rig's NICs).
 */
async function churnDay(
  day: number,
  fixture: NetFixture,
  net: LinuxNetworkCollector,
  cap: EntityCap,
  store: MetricStore,
  churner: (j: number) => Iface,
): Promise<void> {
  for (let tick = 0; tick < DAY_TICKS; tick++) {
    const t = day * DAY_TICKS + tick;
    const alive: Iface[] = [{ name: 'eth0', device: true }];
    for (let j = Math.max(0, Math.floor((tick - 3) / 1.44)); j < 1000 && j * 1.44 <= tick; j++) {
      if (tick < j * 1.44 + 3) alive.push(churner(day * 1000 + j));
    }
    fixture.show(alive, () => t * 1000);
    const ts = T0 + t * MINUTE;
    const values = cap.apply(await net.collect(t * MINUTE), ts);
    store.append({ ts, values });
    if (tick % 10 === 9) store.flush();
    if (tick % 60 === 59) store.rollup(ts);
  }
}

function catalogue(store: MetricStore): { series: string[]; layouts: number } {
  const layouts = store.connection.prepare('SELECT count(*) FROM layouts').pluck().get() as number;
  return { series: store.knownSeries().sort(), layouts };
}

// Each test writes two or three days of fixture files a minute apart (up to 4,320 ticks): half a minute on a
// busy 2-core machine, so they get the time the slower projects get.
const DAYS_TIMEOUT_MS = 120_000;

describe('a day of interfaces coming and going', () => {
  const dir = useTempDir();

  it(
    'leaves the catalogue and the row layouts as they were: virtual interfaces are summed, not recorded',
    async () => {
      const fixture = new NetFixture(dir());
      const net = new LinuxNetworkCollector({ procRoot: fixture.proc, sysRoot: fixture.sys });
      const store = await MetricStore.open(dbIn(dir));
      const cap = new EntityCap(store.knownSeries(), 256);
      const pod = (j: number): Iface => ({ name: `cali${j.toString(16).padStart(11, '0')}`, device: false });
      await churnDay(0, fixture, net, cap, store, pod);
      const afterOne = catalogue(store);
      expect(afterOne.series).toEqual([
        'net.rx',
        'net.rx[eth0]',
        'net.rx_total[eth0]',
        'net.rx_virtual',
        'net.tx',
        'net.tx[eth0]',
        'net.tx_total[eth0]',
        'net.tx_virtual',
      ]);
      // Rows hold eth0's counters alone (the first reading), with its rates, or with the virtual sum
      // too: three key sets, each a raw and a rollup layout, however many pods came and went.
      expect(afterOne.layouts).toBeLessThanOrEqual(6);
      await churnDay(1, fixture, net, cap, store, pod);
      await churnDay(2, fixture, net, cap, store, pod);
      expect(catalogue(store)).toEqual({ series: afterOne.series, layouts: 6 });
      // What the collector remembers is the interfaces alive now, not those of the day.
      expect(net.facts.size).toBeLessThanOrEqual(4);
      expect(cap.overflow()).toEqual([]);
      // At the last minute pod 998 is on its second reading (rated) and pod 999 on its first: the
      // sum is one pod's 1,000 bytes a minute, as eth0's own rate.
      const last = store.latest()!;
      expect(last.values['net.rx[eth0]']).toBeCloseTo(1000 / 60, 6);
      expect(last.values['net.rx_virtual']).toBeCloseTo(1000 / 60, 6);
      store.close();
    },
    DAYS_TIMEOUT_MS,
  );

  it(
    'caps the entities of a metric when NICs keep appearing, and counts the ones left out',
    async () => {
      const fixture = new NetFixture(dir());
      const net = new LinuxNetworkCollector({ procRoot: fixture.proc, sysRoot: fixture.sys });
      const store = await MetricStore.open(dbIn(dir));
      const cap = new EntityCap(store.knownSeries(), 8);
      const nic = (j: number): Iface => ({ name: `usb${j}`, device: true });
      await churnDay(0, fixture, net, cap, store, nic);
      const afterOne = catalogue(store);
      // eth0 and the first 7 NICs, four series each, and the two machine-wide sums.
      const admitted = ['eth0', ...Array.from({ length: 7 }, (_, j) => `usb${j}`)];
      expect(afterOne.series).toEqual(
        [
          'net.rx',
          'net.tx',
          ...admitted.flatMap((n) => [`net.rx[${n}]`, `net.tx[${n}]`, `net.rx_total[${n}]`, `net.tx_total[${n}]`]),
        ].sort(),
      );
      expect(cap.overflow().find((o) => o.metric === 'net.rx_total')).toMatchObject({
        entities: 993,
        examples: ['usb7', 'usb8', 'usb9', 'usb10', 'usb11'],
        since: T0 + Math.ceil(7 * 1.44) * MINUTE,
      });
      await churnDay(1, fixture, net, cap, store, nic);
      expect(catalogue(store)).toEqual(afterOne);
      expect(cap.overflow().find((o) => o.metric === 'net.rx_total')!.entities).toBe(1993);
      store.close();
    },
    DAYS_TIMEOUT_MS,
  );
});
