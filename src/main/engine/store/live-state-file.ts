/**
 * The running engine's live state, for other processes (`dashlight doctor`): how many samples it
 * holds in memory, whether commits fail and when the oldest held samples start being dropped. The
 * writer keeps it in `<database>.live`, a file of a fixed size made (all its blocks written) when
 * the writer starts and then only overwritten in place, so it still takes the state when the disk
 * is full, which is when it matters. (A copy-on-write file system, btrfs or ZFS, may need new
 * blocks even then: the state then stays as it was, and its age says so.)
 *
 * A reader trusts it only while the writer lock's holder is the process that wrote it.
 *
 * @example
 * const live = LiveStateFile.create('/data/dashlight.db'); // at start, beside the lock
 * live.write({ pid: process.pid, at: clock.wall(), … });   // after every commit attempt
 * LiveStateFile.read('/data/dashlight.db');                // in another process
 */
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { WriteProblem } from '../../../shared/queries.js';

export interface LiveState {
  readonly pid: number;
  /** What runs: `dashlight run`, `the Dashlight tray app`, … */
  readonly command: string;
  /** When it was written (ms since the epoch, the engine's clock). */
  readonly at: number;
  readonly state: 'running' | 'paused' | 'stopped';
  readonly intervalMs: number;
  /** How often it commits: a state much older than this is a stuck engine. */
  readonly commitIntervalMs: number;
  /** Samples in memory, waiting for the next commit. */
  readonly bufferedSamples: number;
  /** Commits that fail (a full disk, a failing device), or null while they work. */
  readonly writeProblem: WriteProblem | null;
}

/** Where the live state of `dbFile` lives. */
export const liveStateFileOf = (dbFile: string): string => `${dbFile}.live`;

/** Room for the state with long paths in its advice; padded with spaces. */
const SIZE = 16 * 1024;

export class LiveStateFile {
  private constructor(
    private fd: number | null,
    readonly file: string,
  ) {}

  /** Makes the file at its full size and syncs it, so later writes need no new blocks. Throws if it cannot. */
  static create(dbFile: string): LiveStateFile {
    const file = liveStateFileOf(dbFile);
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, Buffer.alloc(SIZE, ' '), 0, SIZE, 0);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new LiveStateFile(fd, file);
  }

  /** Overwrites the state in place (one write of the whole file); false when the disk refused it. */
  write(state: LiveState): boolean {
    if (this.fd === null) return false;
    let text = JSON.stringify(state);
    // Paths beyond reason: the advice goes, the numbers stay.
    if (Buffer.byteLength(text) > SIZE && state.writeProblem)
      text = JSON.stringify({ ...state, writeProblem: { ...state.writeProblem, advice: '' } });
    const bytes = Buffer.alloc(SIZE, ' ');
    if (bytes.write(text) < Buffer.byteLength(text)) return false;
    try {
      writeSync(this.fd, bytes, 0, SIZE, 0);
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  /** The state last written for `dbFile`, or null (no file, or not one we wrote). */
  static read(dbFile: string): LiveState | null {
    // A read may meet a write half done: the JSON does not parse, and the next read is whole.
    for (let attempt = 0; attempt < 3; attempt++) {
      let text: string;
      try {
        text = readFileSync(liveStateFileOf(dbFile), 'utf8');
      } catch {
        return null;
      }
      try {
        const state = JSON.parse(text) as Partial<LiveState>;
        if (typeof state.pid === 'number' && typeof state.at === 'number') return state as LiveState;
        return null;
      } catch {
        // Torn, or empty (made, never written): try again.
      }
    }
    return null;
  }
}
