import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinuxMountsCollector, type StatfsLike } from './mounts-linux.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const GiB = 1024 ** 3;

/** statfs answers for the fixture's mount points; 4 KiB blocks. */
function fakeStatfs(
  table: Record<string, { size: number; free: number; avail: number }>,
): (path: string) => Promise<StatfsLike> {
  return async (path) => {
    const row = table[path];
    if (!row) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    const bsize = 4096;
    return { bsize, blocks: row.size / bsize, bfree: row.free / bsize, bavail: row.avail / bsize };
  };
}

describe('LinuxMountsCollector', () => {
  it('measures real filesystems only, once per device, with df percentages and an aggregate', async () => {
    const asked: string[] = [];
    const statfs = fakeStatfs({
      '/': { size: 100 * GiB, free: 60 * GiB, avail: 55 * GiB },
      // Same device as '/': counted once, under '/'.
      '/var/lib/docker': { size: 100 * GiB, free: 60 * GiB, avail: 55 * GiB },
      '/boot/efi': { size: 1 * GiB, free: 0.75 * GiB, avail: 0.75 * GiB },
      '/mnt/My Disk': { size: 50 * GiB, free: 0, avail: 0 },
      '/home': { size: 200 * GiB, free: 150 * GiB, avail: 150 * GiB },
      '/media/usb': { size: 0, free: 0, avail: 0 },
    });
    const collector = new LinuxMountsCollector({
      procRoot: join(FIXTURES, 't1'),
      statfs: (path) => {
        asked.push(path);
        return statfs(path);
      },
    });
    const values = await collector.collect();
    // tmpfs, proc, cgroup, squashfs, docker overlays, NFS and gvfs are never even stat'ed.
    expect(asked.sort()).toEqual(['/', '/boot/efi', '/home', '/media/usb', '/mnt/My Disk', '/var/lib/docker']);
    expect(values).toEqual({
      'fs.used[/]': 40 * GiB,
      'fs.size[/]': 100 * GiB,
      'fs.used_pct[/]': (40 * GiB * 100) / (95 * GiB),
      'fs.used[/boot/efi]': 0.25 * GiB,
      'fs.size[/boot/efi]': 1 * GiB,
      'fs.used_pct[/boot/efi]': 25,
      'fs.used[/mnt/My Disk]': 50 * GiB,
      'fs.size[/mnt/My Disk]': 50 * GiB,
      'fs.used_pct[/mnt/My Disk]': 100,
      'fs.used[/home]': 50 * GiB,
      'fs.size[/home]': 200 * GiB,
      'fs.used_pct[/home]': 25,
      // (40 + 0.25 + 50 + 50) used of (140.25 + 55 + 0.75 + 0 + 150) usable.
      'disk.used_pct': (140.25 * GiB * 100) / (346 * GiB),
    });
  });

  it('returns {} when the mount table is missing', async () => {
    expect(await new LinuxMountsCollector({ procRoot: join(FIXTURES, 'missing') }).collect()).toEqual({});
  });

  it('lets a non-absence statfs failure surface for the caller to isolate', async () => {
    const collector = new LinuxMountsCollector({
      procRoot: join(FIXTURES, 't1'),
      statfs: async () => {
        throw new Error('boom');
      },
    });
    await expect(collector.collect()).rejects.toThrow('boom');
  });
});
