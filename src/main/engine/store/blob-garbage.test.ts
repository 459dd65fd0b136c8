import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BlobGarbage, type GcFunction } from './blob-garbage.js';

const MB = 1024 * 1024;

/** A gc() that records how it was called: 'regular' or 'compacting'. */
function recordingGc(): { gc: GcFunction; calls: string[] } {
  const calls: string[] = [];
  const gc: GcFunction = (options) =>
    calls.push(
      options?.flavor === 'last-resort' && options.type === 'major' && options.execution === 'sync'
        ? 'compacting'
        : 'regular',
    );
  return { gc, calls };
}

describe('BlobGarbage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collects on the next turn once 4 MB of rows have been read, not before', () => {
    const { gc, calls } = recordingGc();
    const garbage = new BlobGarbage(gc);
    garbage.note(3 * MB);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([]);
    garbage.note(1 * MB);
    expect(calls).toEqual([]); // not inside the read itself
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['regular']);
    // A second read of 4 MB while one is scheduled schedules no second one.
    garbage.note(4 * MB);
    garbage.note(4 * MB);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['regular', 'regular']);
  });

  it('collects once 16 MB of export chunks have been written: written bytes count a quarter', () => {
    const { gc, calls } = recordingGc();
    const garbage = new BlobGarbage(gc);
    garbage.noteWritten(12 * MB);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([]);
    garbage.noteWritten(4 * MB);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['regular']);
  });

  it('compacts once, 5 s after the last of a burst of reads', () => {
    const { gc, calls } = recordingGc();
    const garbage = new BlobGarbage(gc);
    garbage.note(1 * MB);
    vi.advanceTimersByTime(4_000);
    garbage.note(100_000); // the burst goes on: the quiet starts again
    vi.advanceTimersByTime(4_999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['compacting']);
    vi.advanceTimersByTime(60_000);
    expect(calls).toEqual(['compacting']);
  });

  it('never compacts for reads that stay small, until they add up to 1 MB', () => {
    const { gc, calls } = recordingGc();
    const garbage = new BlobGarbage(gc);
    // A rollup's minute of raw rows, 44 KB: 23 of them stay under 1 MB.
    for (let minute = 0; minute < 23; minute++) {
      garbage.note(44_000);
      vi.advanceTimersByTime(60_000);
    }
    expect(calls).toEqual([]);
    garbage.note(44_000);
    vi.advanceTimersByTime(5_000);
    expect(calls).toEqual(['compacting']);
    // The count starts again after a compaction.
    garbage.note(44_000);
    vi.advanceTimersByTime(60_000);
    expect(calls).toEqual(['compacting']);
  });

  it('does nothing, and sets no timer, where the runtime exposes no gc()', () => {
    const garbage = new BlobGarbage(undefined);
    garbage.note(64 * MB);
    expect(vi.getTimerCount()).toBe(0);
  });
});
