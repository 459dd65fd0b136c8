import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinuxNetworkCollector } from './network-linux.js';
import { InterfaceFactsReader } from './interface-facts.js';

/** A /sys/class/net entry as the kernel lays it out: `type`, `uevent`, and marker entries. */
function sysfsInterface(sys: string, name: string, type: number, devtype: string | null, marks: string[] = []): void {
  const dir = join(sys, 'class/net', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'type'), `${type}\n`);
  writeFileSync(join(dir, 'uevent'), `${devtype ? `DEVTYPE=${devtype}\n` : ''}INTERFACE=${name}\nIFINDEX=3\n`);
  for (const mark of marks) {
    if (mark === 'tun_flags') writeFileSync(join(dir, mark), '0x1001\n');
    else mkdirSync(join(dir, mark));
  }
}

function host(): { proc: string; sys: string } {
  const root = mkdtempSync(join(tmpdir(), 'dashlight-net-'));
  const sys = join(root, 'sys');
  sysfsInterface(sys, 'lo', 772, null);
  sysfsInterface(sys, 'eth0', 1, null, ['device']);
  sysfsInterface(sys, 'wg0', 65534, 'wireguard');
  sysfsInterface(sys, 'docker0', 1, 'bridge', ['bridge']);
  sysfsInterface(sys, 'vethd00d', 1, null);
  sysfsInterface(sys, 'tap0', 1, null, ['tun_flags']);
  mkdirSync(join(root, 'proc/net'), { recursive: true });
  return { proc: join(root, 'proc'), sys };
}

function netDev(proc: string, bytes: Record<string, number>): void {
  const lines = Object.entries(bytes).map(([name, b]) => `${name}: ${b} 1 0 0 0 0 0 0 ${b / 2} 1 0 0 0 0 0 0`);
  writeFileSync(join(proc, 'net/dev'), `Inter-| Receive | Transmit\n face |bytes|bytes\n${lines.join('\n')}\n`);
}

describe('interfaces as sysfs describes them', () => {
  it('reads type, DEVTYPE and the bridge, bonding, tun and device markers', async () => {
    const { sys } = host();
    const facts = await new InterfaceFactsReader(sys).read(['eth0', 'wg0', 'docker0', 'tap0', 'gone0', '../x']);
    expect(Object.fromEntries(facts)).toEqual({
      eth0: { device: true, type: 1 },
      wg0: { device: false, type: 65534, devtype: 'wireguard' },
      docker0: { device: false, type: 1, devtype: 'bridge', bridge: true },
      tap0: { device: false, type: 1, tun: true },
      gone0: null,
      '../x': null,
    });
  });

  it('records NICs and VPNs one by one, sums the container and VM plumbing, and leaves loopback out', async () => {
    const { proc, sys } = host();
    const net = new LinuxNetworkCollector({ procRoot: proc, sysRoot: sys });
    netDev(proc, { lo: 0, eth0: 1000, wg0: 100, docker0: 10, vethd00d: 20, tap0: 40 });
    await net.collect(0);
    netDev(proc, { lo: 9000, eth0: 3000, wg0: 300, docker0: 30, vethd00d: 60, tap0: 100 });
    expect(await net.collect(2000)).toEqual({
      'net.rx[eth0]': 1000,
      'net.tx[eth0]': 500,
      'net.rx_total[eth0]': 3000,
      'net.tx_total[eth0]': 1500,
      'net.rx[wg0]': 100,
      'net.tx[wg0]': 50,
      'net.rx_total[wg0]': 300,
      'net.tx_total[wg0]': 150,
      // The VPN's bytes also cross eth0: the machine-wide figure is eth0's alone.
      'net.rx': 1000,
      'net.tx': 500,
      // docker0 +20 B, the veth +40 B, the VM's tap +60 B, in 2 s.
      'net.rx_virtual': 60,
      'net.tx_virtual': 30,
    });
  });

  it('follows interfaces coming, going and moving in the list between ticks', async () => {
    const { proc, sys } = host();
    const net = new LinuxNetworkCollector({ procRoot: proc, sysRoot: sys });
    netDev(proc, { lo: 0, eth0: 1000, vethd00d: 20 });
    await net.collect(0);
    netDev(proc, { lo: 0, eth0: 3000, vethd00d: 60 });
    expect(await net.collect(2000)).toEqual({
      'net.rx[eth0]': 1000,
      'net.tx[eth0]': 500,
      'net.rx_total[eth0]': 3000,
      'net.tx_total[eth0]': 1500,
      'net.rx': 1000,
      'net.tx': 500,
      'net.rx_virtual': 20,
      'net.tx_virtual': 10,
    });
    // docker0 comes before eth0, the veth goes, wg0 comes: the new ones only prime, and no
    // virtual interface has two readings, so there is no virtual sum this tick.
    netDev(proc, { lo: 0, docker0: 10, eth0: 7000, wg0: 100 });
    expect(await net.collect(4000)).toEqual({
      'net.rx[eth0]': 2000,
      'net.tx[eth0]': 1000,
      'net.rx_total[eth0]': 7000,
      'net.tx_total[eth0]': 3500,
      'net.rx_total[wg0]': 100,
      'net.tx_total[wg0]': 50,
      'net.rx': 2000,
      'net.tx': 1000,
    });
    netDev(proc, { lo: 0, docker0: 50, eth0: 9000, wg0: 300 });
    expect(await net.collect(6000)).toEqual({
      'net.rx[eth0]': 1000,
      'net.tx[eth0]': 500,
      'net.rx_total[eth0]': 9000,
      'net.tx_total[eth0]': 4500,
      'net.rx[wg0]': 100,
      'net.tx[wg0]': 50,
      'net.rx_total[wg0]': 300,
      'net.tx_total[wg0]': 150,
      'net.rx': 1000,
      'net.tx': 500,
      'net.rx_virtual': 20,
      'net.tx_virtual': 10,
    });
  });
});
