/**
 * A small tmpfs mounted for a test, to fill up: a real full disk (ENOSPC, SQLITE_FULL), not a
 * stand-in. Mounting needs root with CAP_SYS_ADMIN: elsewhere `mounted` is false and the suite says
 * it was not run; in CI (which runs as root) that is a failure.
 *
 * @example
 * const disk = mountSmallDisk('4m');
 * disk.fill(); // until ENOSPC
 * disk.free(); // the filler goes
 * disk.unmount();
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  readonly path: string;
  readonly mounted: boolean;
  /** Writes a filler file until the disk is full. */
  fill(): void;
  /** Removes the filler. */
  free(): void;
  unmount(): void;
}

export function mountSmallDisk(size: string): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), 'dashlight-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]).status === 0;
  const filler = join(path, 'filler');
  return {
    path,
    mounted,
    fill() {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(4096, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      if (mounted) spawnSync('umount', ['-l', path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
