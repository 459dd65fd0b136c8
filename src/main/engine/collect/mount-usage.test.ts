import { describe, expect, it } from 'vitest';
import { dedupeMounts, mountValues } from './mount-usage.js';

const GB = 1e9;

describe('mountValues', () => {
  it('uses df semantics: used / (used + available), so reserved blocks do not count as free', () => {
    // 100 GB disk, 40 GB used, 5 GB reserved for root: 55 GB available to users.
    const values = mountValues([
      { mount: '/', source: '/dev/sda2', size: 100 * GB, used: 40 * GB, available: 55 * GB },
    ]);
    expect(values['fs.size[/]']).toBe(100 * GB);
    expect(values['fs.used[/]']).toBe(40 * GB);
    expect(values['fs.used_pct[/]']).toBeCloseTo((40 / 95) * 100, 10);
    expect(values['disk.used_pct']).toBeCloseTo((40 / 95) * 100, 10);
  });

  it('aggregates across mounts by bytes, not by averaging percentages', () => {
    const values = mountValues([
      { mount: '/', source: 'a', size: 100, used: 90, available: 10 },
      { mount: '/data', source: 'b', size: 900, used: 0, available: 900 },
    ]);
    expect(values['disk.used_pct']).toBe(9);
  });

  it('counts a device mounted twice once, under its shortest mount point', () => {
    const kept = dedupeMounts([
      { mount: '/var/lib/docker', source: '/dev/sda2', size: 10, used: 5, available: 5 },
      { mount: '/', source: '/dev/sda2', size: 10, used: 5, available: 5 },
    ]);
    expect(kept.map((m) => m.mount)).toEqual(['/']);
  });

  it('counts the free space of volumes sharing a pool (APFS) once', () => {
    const values = mountValues([
      { mount: '/', source: '/dev/disk3s1s1', size: 500, used: 10, available: 300 },
      { mount: '/System/Volumes/Data', source: '/dev/disk3s5', size: 500, used: 190, available: 300 },
    ]);
    expect(values['disk.used_pct']).toBe(40);
    expect(values['fs.used_pct[/System/Volumes/Data]']).toBeCloseTo((190 / 490) * 100, 10);
  });

  it('skips zero-size and invalid mounts and emits nothing for none', () => {
    expect(mountValues([{ mount: 'E:', source: 'E:', size: 0, used: 0, available: 0 }])).toEqual({});
    expect(mountValues([{ mount: '/x', source: 'x', size: Number.NaN, used: 1, available: 1 }])).toEqual({});
  });
});
