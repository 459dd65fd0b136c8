import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LayoutRegistry } from './layout-registry.js';
import { MetricStore } from './metric-store.js';
import { PageReadError, QueryFailures } from './page-check.js';
import { SampleRange } from './sample-range.js';
import { dbIn, middleLeaf, overwrite, PAGE_BYTES, T0, useTempDir } from './test-support.js';

describe('SampleRange', () => {
  const dir = useTempDir();

  /** A real store file of 3,000 samples, closed cleanly. */
  async function storeFile(): Promise<string> {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    for (let i = 0; i < 3000; i++) store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i % 100, 'load.1': i } });
    store.close();
    return file;
  }

  it('reads stored samples in time order, in chunks after a cursor', async () => {
    const db = new Database(await storeFile(), { readonly: true });
    const range = new SampleRange(db, new LayoutRegistry(db), new QueryFailures(db.name));
    const chunk = range.read(T0 + 9_000, T0 + 20_000, 5);
    expect(chunk.map((s) => (s.ts - T0) / 1000)).toEqual([10, 11, 12, 13, 14]);
    expect(chunk[2]!.values).toEqual({ 'cpu.total': 12, 'load.1': 12 });
    expect(range.count(T0 - 1, T0 + 2_999_000)).toBe(3000);
    expect(range.oldestAfter(T0 + 41_500)).toBe(T0 + 42_000);
    db.close();
  });

  it('hands a failed read to its QueryFailures: a page SQLite finds zeroed becomes the device failure found', async () => {
    const file = await storeFile();
    const inspect = new Database(file, { readonly: true });
    const leaf = middleLeaf(inspect, 'samples');
    inspect.close();
    // A leaf in the middle reads as zeros, as a read the device cut short reaches SQLite.
    overwrite(file, (leaf - 1) * PAGE_BYTES, Buffer.alloc(PAGE_BYTES));

    // The device's end-to-end read cannot fail here without root and a loop device
    // (unreadable-page.test.ts has both); what it would find stands in for it.
    const found = new PageReadError('EIO', file, `the read of ${file} at byte 81920 failed (EIO)`);
    const db = new Database(file, { readonly: true });
    const range = new SampleRange(db, new LayoutRegistry(db), new QueryFailures(file, () => found));
    expect(() => range.read(T0 - 1, T0 + 3_000_000, 5000)).toThrow(found);
    expect(() => range.scan(T0 - 1, T0 + 3_000_000, 5000, () => {})).toThrow(found);
    expect(range.read(T0 - 1, T0 + 2_000, 5000)).toHaveLength(3);
    db.close();
  });
});
