/**
 * Which Linux mounts count as storage the user cares about (fs.* series and disk.used_pct).
 *
 * Kept: block-device filesystems (ext4, xfs, btrfs, vfat, ntfs/fuseblk, ...), ZFS datasets, any
 * unknown type whose source is a /dev node, and an overlay mounted at `/` (a container's root).
 * Left out:
 * - pseudo and memory filesystems (proc, sysfs, tmpfs, devtmpfs, cgroup, ...): no disk behind them;
 * - squashfs/erofs/iso9660 (snaps, live media): read-only images are always "100 % full" and would
 *   trip the disk alert;
 * - other overlays (one per container under /var/lib/docker): they repeat the host disk;
 * - network and FUSE filesystems (nfs, cifs, sshfs, ...): statfs on an unreachable server blocks a
 *   libuv thread indefinitely, which would stall all file I/O of the engine.
 *
 * @example
 * isStorageMount({ source: '/dev/sda1', mountpoint: '/', fstype: 'ext4' }) // true
 * isStorageMount({ source: 'tmpfs', mountpoint: '/run', fstype: 'tmpfs' })  // false
 */
import type { MountEntry } from './parse-mounts.js';

const words = (...groups: string[]): ReadonlySet<string> => new Set(groups.join(' ').split(' '));

const DISK_TYPES = words(
  'ext2 ext3 ext4 xfs btrfs bcachefs zfs f2fs jfs reiserfs nilfs2',
  'vfat msdos exfat ntfs ntfs3 fuseblk hfs hfsplus apfs udf',
);

const NEVER = words(
  'tmpfs ramfs devtmpfs proc sysfs cgroup cgroup2',
  'squashfs erofs iso9660',
  'nfs nfs4 cifs smb3 smbfs ceph glusterfs 9p davfs afs virtiofs',
);

export function isStorageMount(entry: MountEntry): boolean {
  const { fstype, source, mountpoint } = entry;
  if (NEVER.has(fstype) || fstype.startsWith('fuse.')) return false;
  if (fstype === 'overlay') return mountpoint === '/';
  if (DISK_TYPES.has(fstype)) return true;
  return source.startsWith('/dev/');
}
