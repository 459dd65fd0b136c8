/**
 * A real block device that fails mid-run, for a test: an ext4 image on a loop device, whose
 * backing file is cut short while mounted. Later writes reach past the device's end ("attempt to
 * access beyond end of device" in the kernel's log): I/O errors, then ext4 aborts its journal and
 * stops taking writes. Needs root with loop devices (`/dev/loop-control`); elsewhere `notRun` says why.
 * Each instance has its own folders, so tests do not collide.
 *
 * @example
 * const device = makeFailingDevice();
 * if (device.notRun) …; // 'not run, because …'
 * device.fail();        // the device now ends at 40 MiB (or device.fail(12): at 12 MiB)
 * device.salvage(dir);  // after the writer stopped: the files, read back from the repaired image
 * device.cleanup();     // always (afterAll)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FailingDevice {
  /** Where the device is mounted (write the database here). */
  readonly path: string;
  /** Set when the device could not be made: why. */
  readonly notRun: string | null;
  /**
   * Cuts the device short: writes from now on fail. The part cut off (ext4's journal is there) is
   * kept, taken while the file system is frozen, so everything written before is in its place.
   * `endMib`: where the device now ends, in MiB (40 by default, before ext4's journal).
   */
  fail(endMib?: number): void;
  /** Unmounts, puts the part cut off back (a disk plugged in again), mounts it and copies `names` out. */
  salvage(into: string, names: readonly string[]): void;
  cleanup(): void;
}

const SIZE = '256M';
/** Where the device ends once it fails: before ext4's journal, in the middle of a 256 MiB file system. */
const CUT_MIB = 40;

function run(command: string, args: readonly string[]): { ok: boolean; out: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

function must(command: string, args: readonly string[]): string {
  const result = run(command, args);
  if (!result.ok) throw new Error(`${command} ${args.join(' ')} failed: ${result.out}`);
  return result.out;
}

export function makeFailingDevice(): FailingDevice {
  const root = mkdtempSync(join(tmpdir(), 'dashlight-failing-device-'));
  const back = join(root, 'back');
  const path = join(root, 'mnt');
  mkdirSync(back);
  mkdirSync(path);
  const image = join(back, 'disk.img');
  const tail = join(back, 'cut-off.img');
  let loop: string | null = null;
  let backMounted = false;
  let mounted = false;
  let notRun: string | null = null;
  let cutMib = CUT_MIB;

  const cleanup = () => {
    if (mounted) run('umount', ['-l', path]);
    if (loop) run('losetup', ['-d', loop]);
    if (backMounted) run('umount', ['-l', back]);
    mounted = backMounted = false;
    loop = null;
    rmSync(root, { recursive: true, force: true });
  };

  if (process.platform !== 'linux') notRun = 'not run, because loop devices are Linux only';
  else if (process.getuid?.() !== 0) notRun = 'not run, because making a loop device needs root';
  else if (!existsSync('/dev/loop-control')) notRun = 'not run, because this machine has no /dev/loop-control';
  else {
    try {
      // The image lives on its own tmpfs, so cutting it short frees nothing another test needs.
      must('mount', ['-t', 'tmpfs', '-o', 'size=300m', 'tmpfs', back]);
      backMounted = true;
      must('truncate', ['-s', SIZE, image]);
      must('mkfs.ext4', ['-q', image]);
      loop = must('losetup', ['-f', '--show', image]);
      must('mount', [loop, path]);
      mounted = true;
    } catch (error) {
      notRun = `not run, because the loop device could not be made: ${(error as Error).message}`;
      cleanup();
    }
  }

  return {
    path,
    notRun,
    fail(endMib = CUT_MIB) {
      cutMib = endMib;
      // Frozen, nothing reaches the device: the part kept is the part cut, to the byte.
      must('fsfreeze', ['--freeze', path]);
      try {
        must('dd', [`if=${image}`, `of=${tail}`, 'bs=1M', `skip=${cutMib}`, 'conv=sparse', 'status=none']);
        must('truncate', ['-s', `${cutMib}M`, image]);
        must('losetup', ['-c', loop!]);
      } finally {
        must('fsfreeze', ['--unfreeze', path]);
      }
    },
    salvage(into, names) {
      must('umount', [path]);
      mounted = false;
      must('losetup', ['-d', loop!]);
      loop = null;
      must('truncate', ['-s', SIZE, image]);
      must('dd', [`if=${tail}`, `of=${image}`, 'bs=1M', `seek=${cutMib}`, 'conv=sparse,notrunc', 'status=none']);
      loop = must('losetup', ['-f', '--show', image]);
      // Read-only: the journal is replayed, as at any mount after a crash, and nothing else written.
      must('mount', ['-o', 'ro', loop, path]);
      mounted = true;
      for (const name of names) if (existsSync(join(path, name))) cpSync(join(path, name), join(into, name));
    },
    cleanup,
  };
}
