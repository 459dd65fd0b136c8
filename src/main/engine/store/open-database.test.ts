import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { dbIn, useTempDir } from './test-support.js';

describe('openDatabase', () => {
  const dir = useTempDir();

  it("keeps each connection's page cache at SQLite's own 2 MB, writer and reader alike", async () => {
    const file = dbIn(dir);
    const writer = await MetricStore.open(file);
    const reader = await MetricStore.open(file, { readOnly: true });
    try {
      // Negative: KiB. better-sqlite3 alone would give -16000 (16 MB), resident for good once filled.
      expect(writer.connection.pragma('cache_size', { simple: true })).toBe(-2000);
      expect(reader.connection.pragma('cache_size', { simple: true })).toBe(-2000);
    } finally {
      reader.close();
      writer.close();
    }
  });
});
