// The live state file takes the running engine's state on a full disk (a small tmpfs filled up):
// it was made at its full size at start and is only overwritten in place.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mountSmallDisk } from '../test-support/small-disk.js';
import { LiveStateFile, liveStateFileOf, type LiveState } from './live-state-file.js';

const disk = mountSmallDisk('1m');
afterAll(() => disk.unmount());
if (!disk.mounted)
  process.stderr.write(
    '\n*** SKIPPED: the live state file test needs to mount a small tmpfs (root with CAP_SYS_ADMIN). ***\n\n',
  );

const STATE: LiveState = {
  pid: 4242,
  command: 'dashlight run',
  at: 1_000,
  state: 'running',
  intervalMs: 1000,
  commitIntervalMs: 10_000,
  bufferedSamples: 0,
  writeProblem: null,
};

describe('LiveStateFile', () => {
  it.runIf(disk.mounted)('is rewritten in place on a full disk, where no new file can be written', () => {
    const db = join(disk.path, 'dashlight.db');
    const live = LiveStateFile.create(db);
    try {
      disk.fill();
      expect(() => writeFileSync(join(disk.path, 'another'), 'x'.repeat(8192))).toThrow(/ENOSPC/);
      for (let i = 1; i <= 50; i++) expect(live.write({ ...STATE, at: 1_000 + i, bufferedSamples: i })).toBe(true);
      expect(LiveStateFile.read(db)).toEqual({ ...STATE, at: 1_050, bufferedSamples: 50 });
    } finally {
      live.close();
      disk.free();
    }
  });

  it.runIf(disk.mounted)('reads nothing from a file made but never written, or not ours', () => {
    const db = join(disk.path, 'other.db');
    LiveStateFile.create(db).close();
    expect(LiveStateFile.read(db)).toBeNull();
    writeFileSync(liveStateFileOf(db), '{"hello": "world"}');
    expect(LiveStateFile.read(db)).toBeNull();
    expect(LiveStateFile.read(join(disk.path, 'none.db'))).toBeNull();
  });
});
