/**
 * Which /proc/diskstats devices are whole physical disks. Only those are recorded and summed into
 * `disk.read` / `disk.write`, so every byte is counted once:
 * - partitions (sda1, nvme0n1p1, mmcblk0p1) are already inside their disk's counters;
 * - dm-* (LVM, LUKS) and md* (software RAID) sit on top of real disks, so their I/O is counted
 *   again on the members; the members are the physical truth (a RAID-1 write really hits two disks);
 * - loop*, ram*, zram* are memory or file backed, not disks; sr* (optical) and nbd/rbd (network)
 *   are left out too.
 * Disks with no I/O yet are kept: an idle disk is still a disk.
 *
 * @example
 * isWholeDisk('nvme0n1')   // true
 * isWholeDisk('nvme0n1p2') // false
 */
const WHOLE_DISK = /^(?:[shv]d[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;

export function isWholeDisk(name: string): boolean {
  return WHOLE_DISK.test(name);
}
