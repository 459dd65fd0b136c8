// Telling a file system the kernel stopped after a failed write (ext4's emergency_ro) from one
// mounted read-only on purpose, from /proc/self/mountinfo lines as the kernel writes them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failedFileSystem, mountOf, parseMountInfo, stoppedAfterError } from './failed-file-system.js';
import { describeFailure } from './sqlite-errors.js';

const MOUNTS = [
  '22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw,errors=remount-ro',
  '46 22 7:1 / /mnt/usb\\040disk rw,relatime - ext4 /dev/loop1 rw,emergency_ro',
  '47 22 7:2 / /mnt/old rw,relatime - ext4 /dev/loop2 ro,errors=remount-ro',
  '48 22 7:3 / /mnt/cdrom ro,relatime - iso9660 /dev/sr0 ro',
  '50 22 7:4 / /mnt/bound rw,relatime - squashfs /dev/loop4 ro',
  '49 22 0:40 / /mnt/usb\\040disk/inner rw,relatime - tmpfs tmpfs rw,size=4k',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'dashlight-mountinfo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('failedFileSystem', () => {
  const mounts = parseMountInfo(MOUNTS);

  it('finds the mount holding a path: the longest mount point, spaces unescaped', () => {
    expect(mountOf(mounts, '/mnt/usb disk/dashlight.db')?.device).toBe('/dev/loop1');
    expect(mountOf(mounts, '/mnt/usb disk/inner/x.db')?.device).toBe('tmpfs');
    expect(mountOf(mounts, '/mnt/usb diskette/x.db')?.device).toBe('/dev/vda1');
  });

  it('counts a file system stopped by the kernel, not one mounted read-only on purpose', () => {
    const stopped = (path: string) => stoppedAfterError(mountOf(mounts, path)!);
    expect(stopped('/mnt/usb disk/x.db')).toBe(true); // emergency_ro (Linux 6.x)
    expect(stopped('/mnt/old/x.db')).toBe(true); // asked for rw, made ro by errors=remount-ro (older kernels)
    expect(stopped('/mnt/cdrom/x.db')).toBe(false); // read-only on purpose
    expect(stopped('/mnt/bound/x.db')).toBe(false); // a read-only file system, whatever the mount says
    expect(stopped('/home/me/x.db')).toBe(false);
  });

  it.runIf(process.platform === 'linux')('reads mountinfo, and names the device in the failure it describes', () => {
    // `/` stands for every path here: the nearest existing part of the path is what is looked up.
    const info = join(dir, 'mountinfo');
    writeFileSync(info, '22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw,emergency_ro\n');
    expect(failedFileSystem(join(dir, 'not-yet', 'dashlight.db'), info)).toEqual({
      mountPoint: '/',
      device: '/dev/vda1',
    });
    writeFileSync(info, '22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n');
    expect(failedFileSystem(join(dir, 'dashlight.db'), info)).toBeNull();
  });

  it('describes an I/O error as a write that failed on the device, with what to do', () => {
    const failure = describeFailure(
      Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }),
      join(dir, 'dashlight.db'),
    );
    expect(failure).toEqual({
      code: 'SQLITE_IOERR_WRITE',
      cause: 'the disk failed a write (an I/O error on the device)',
      advice: `check the disk holding ${dir} (the kernel's log, dmesg, says what failed; it may be failing or unplugged), repair it (unmount, fsck) or move the database to another disk with --db`,
    });
    // A read-only file on a healthy file system is still what it is.
    expect(
      describeFailure(Object.assign(new Error('readonly'), { code: 'SQLITE_READONLY' }), join(dir, 'dashlight.db'))
        .cause,
    ).toBe('the database cannot be written (read-only file, folder or file system)');
  });
});
