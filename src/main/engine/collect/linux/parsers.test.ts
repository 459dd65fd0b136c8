import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWholeDisk } from './disk-kind.js';
import { isStorageMount } from './mount-filter.js';
import { parseDiskstats } from './parse-diskstats.js';
import { parseLoadavg } from './parse-loadavg.js';
import { parseMeminfo } from './parse-meminfo.js';
import { parseMounts } from './parse-mounts.js';
import { NetDevTable } from './parse-net-dev.js';
import { parseOsRelease } from './parse-os-release.js';
import { parseProcStat } from './parse-proc-stat.js';

// Captured from a real 2-vCPU Linux VM (see fixtures/README.md).
const real = (file: string): string => readFileSync(join(import.meta.dirname, 'fixtures/real', file), 'utf8');

describe('parseProcStat', () => {
  it('reads aggregate and per-CPU jiffies from a real /proc/stat', () => {
    const stat = parseProcStat(real('stat'));
    expect(stat.total).toEqual({
      user: 9645,
      nice: 0,
      system: 3833,
      idle: 92305,
      iowait: 500,
      irq: 0,
      softirq: 126,
      steal: 17,
    });
    expect(stat.cores).toEqual([
      {
        index: 0,
        times: { user: 4140, nice: 0, system: 1589, idle: 47396, iowait: 64, irq: 0, softirq: 13, steal: 6 },
      },
      {
        index: 1,
        times: { user: 5505, nice: 0, system: 2243, idle: 44908, iowait: 435, irq: 0, softirq: 113, steal: 11 },
      },
    ]);
  });

  it('keeps kernel CPU numbers when a CPU is offline and tolerates short old-kernel lines', () => {
    const stat = parseProcStat('cpu  1 2 3 4\ncpu0 1 2 3 4\ncpu2 5 6 7 8 9\nintr 1 2\n');
    expect(stat.cores.map((c) => c.index)).toEqual([0, 2]);
    expect(stat.cores[1]?.times).toEqual({
      user: 5,
      nice: 6,
      system: 7,
      idle: 8,
      iowait: 9,
      irq: 0,
      softirq: 0,
      steal: 0,
    });
  });
});

describe('parseMeminfo', () => {
  it('reads real meminfo fields in bytes (kB is KiB) and keeps unitless fields as they are', () => {
    const m = parseMeminfo(real('meminfo'));
    expect(m.get('MemTotal')).toBe(24_684_084 * 1024);
    expect(m.get('MemAvailable')).toBe(24_289_200 * 1024);
    expect(m.get('SwapTotal')).toBe(0);
    expect(m.get('Active(file)')).toBe(9552 * 1024);
    expect(m.get('HugePages_Total')).toBe(0);
  });
});

describe('NetDevTable', () => {
  const parsed = (text: string) => {
    const table = new NetDevTable();
    table.parse(Buffer.from(text));
    return table;
  };
  const rows = (table: NetDevTable) =>
    table.names.map((iface, i) => ({ iface, rxBytes: table.rx[i], txBytes: table.tx[i] }));

  it('reads byte counters of every interface from a real /proc/net/dev', () => {
    expect(rows(parsed(real('net/dev')))).toEqual([
      { iface: 'lo', rxBytes: 3193, txBytes: 3193 },
      { iface: 'ifb0', rxBytes: 0, txBytes: 0 },
      { iface: 'ifb1', rxBytes: 0, txBytes: 0 },
      { iface: 'eth0', rxBytes: 610_280_146, txBytes: 1_188_272 },
    ]);
  });

  it('handles a counter that runs into the colon', () => {
    expect(rows(parsed(' wlan0:4294966000 100 0 0 0 0 0 0 20000 50 0 0 0 0 0 0\n'))).toEqual([
      { iface: 'wlan0', rxBytes: 4_294_966_000, txBytes: 20_000 },
    ]);
  });

  // Past 2^53 a counter is the nearest double, as Number() reads it.
  it('reads 64-bit counters past 15 digits, and names beyond ASCII', () => {
    const line = ' wlän0: 18446744073709551615 1 0 0 0 0 0 0 123456789012345678 1 0 0 0 0 0 0';
    expect(rows(parsed(line))).toEqual([{ iface: 'wlän0', rxBytes: 2 ** 64, txBytes: 123_456_789_012_345_680 }]);
  });

  it('skips headers, short lines and fields that are not numbers', () => {
    const text = [
      'Inter-|   Receive |  Transmit',
      ' face |bytes    packets|bytes',
      '  eth0: 10 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0',
      '  eth1: 10 1 0 0 0 0 0 0',
      '  eth2: 1x 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0',
      '  eth3: 10 1 0 0 0 0 0 0 -20 2 0 0 0 0 0 0',
      '      : 10 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0',
      'no colon here',
      '  eth4: 30 1 0 0 0 0 0 0 40 2',
    ].join('\n');
    expect(rows(parsed(text))).toEqual([
      { iface: 'eth0', rxBytes: 10, txBytes: 20 },
      { iface: 'eth4', rxBytes: 30, txBytes: 40 },
    ]);
  });

  it('keeps the same names array while the interfaces stay, and says when they change', () => {
    const table = new NetDevTable();
    const line = (name: string, rx: number) => `  ${name}: ${rx} 1 0 0 0 0 0 0 ${rx * 2} 1 0 0 0 0 0 0\n`;
    expect(table.parse(Buffer.from(line('lo', 1) + line('eth0', 5)))).toBe(true);
    const names = table.names;
    expect(table.parse(Buffer.from(line('lo', 2) + line('eth0', 7)))).toBe(false);
    expect(table.names).toBe(names);
    expect([table.rx, table.tx]).toEqual([
      [2, 7],
      [4, 14],
    ]);
    // A renamed interface (same length), one that came, one that went: a new list each time.
    expect(table.parse(Buffer.from(line('lo', 2) + line('eth1', 7)))).toBe(true);
    expect(table.names).toEqual(['lo', 'eth1']);
    expect(table.parse(Buffer.from(line('lo', 2) + line('eth1', 7) + line('cali1', 3)))).toBe(true);
    expect(table.names).toEqual(['lo', 'eth1', 'cali1']);
    expect(table.parse(Buffer.from(line('lo', 2) + line('eth1', 8)))).toBe(true);
    expect([table.names, table.rx, table.tx]).toEqual([
      ['lo', 'eth1'],
      [2, 8],
      [4, 16],
    ]);
    expect(names).toEqual(['lo', 'eth0']);
  });
});

describe('parseDiskstats', () => {
  it('reads sectors × 512 from a real /proc/diskstats', () => {
    const vda = parseDiskstats(real('diskstats')).find((d) => d.name === 'vda');
    expect(vda).toEqual({ name: 'vda', readBytes: 2_981_890 * 512, writtenBytes: 5_214_400 * 512 });
  });

  it('accepts the 14-column format of older kernels', () => {
    expect(parseDiskstats('   8       0 sda 1 0 10 0 2 0 20 0 0 0 0\n')).toEqual([
      { name: 'sda', readBytes: 5120, writtenBytes: 10240 },
    ]);
  });
});

describe('isWholeDisk', () => {
  it('keeps whole physical disks, including idle ones', () => {
    for (const name of ['sda', 'sdaa', 'hdb', 'vda', 'xvdf', 'nvme0n1', 'nvme1n2', 'mmcblk0'])
      expect(isWholeDisk(name), name).toBe(true);
  });
  it('drops partitions, stacked, memory and optical devices', () => {
    for (const name of [
      'sda1',
      'nvme0n1p1',
      'mmcblk0p2',
      'mmcblk0boot0',
      'loop0',
      'ram0',
      'zram0',
      'dm-0',
      'md0',
      'sr0',
      'nbd0',
    ]) {
      expect(isWholeDisk(name), name).toBe(false);
    }
  });
  it('selects exactly vda from the real capture', () => {
    expect(
      parseDiskstats(real('diskstats'))
        .filter((d) => isWholeDisk(d.name))
        .map((d) => d.name),
    ).toEqual(['vda']);
  });
});

describe('parseLoadavg', () => {
  it('reads the real three averages', () => {
    expect(parseLoadavg(real('loadavg'))).toEqual([0.04, 0.2, 0.15]);
  });
  it('rejects garbage', () => {
    expect(parseLoadavg('')).toBeUndefined();
    expect(parseLoadavg('a b c')).toBeUndefined();
  });
});

describe('parseMounts and isStorageMount', () => {
  it('finds the real root filesystem and nothing else on this VM', () => {
    const mounts = parseMounts(real('self/mounts'));
    expect(mounts[0]).toEqual({ source: 'proc', mountpoint: '/proc', fstype: 'proc' });
    expect(mounts.filter(isStorageMount)).toEqual([{ source: '/dev/vda', mountpoint: '/', fstype: 'ext4' }]);
  });

  it('decodes octal escapes in paths', () => {
    expect(parseMounts('/dev/sdb1 /mnt/My\\040Disk\\011x ext4 rw 0 0\n')[0]?.mountpoint).toBe('/mnt/My Disk\tx');
  });

  it('keeps a container overlay root but not per-container overlays, network or FUSE mounts', () => {
    const keep = (line: string): boolean =>
      isStorageMount(parseMounts(line)[0] ?? { source: '', mountpoint: '', fstype: '' });
    expect(keep('overlay / overlay rw 0 0')).toBe(true);
    expect(keep('overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0')).toBe(false);
    expect(keep('srv:/e /mnt/nfs nfs4 rw 0 0')).toBe(false);
    expect(keep('sshfs#me@h: /mnt/h fuse.sshfs rw 0 0')).toBe(false);
    expect(keep('/dev/loop3 /snap/core/1 squashfs ro 0 0')).toBe(false);
    expect(keep('rpool/home /home zfs rw 0 0')).toBe(true);
    expect(keep('/dev/sdc1 /media/x fuseblk rw 0 0')).toBe(true);
    expect(keep('/dev/sdd1 /media/y someNewFs rw 0 0')).toBe(true);
  });
});

describe('parseOsRelease', () => {
  it('reads quoted and unquoted values', () => {
    const f = parseOsRelease(
      'NAME="Debian GNU/Linux"\nVERSION_ID=13\nPRETTY_NAME=\'Debian 13 \\"trixie\\"\'\n# comment\n',
    );
    expect(f.get('NAME')).toBe('Debian GNU/Linux');
    expect(f.get('VERSION_ID')).toBe('13');
    expect(f.get('PRETTY_NAME')).toBe('Debian 13 "trixie"');
  });
});
