/**
 * Helpers for the store's tests: a fresh temp folder per test (removed afterwards) and a fixed
 * clock origin, so every test uses real SQLite files and no wall-clock time.
 *
 * @example
 * const dir = useTempDir();
 * const store = await MetricStore.open(join(dir(), 'a.db'));
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** 2026-01-01T00:00:00Z: aligned to minutes, hours and days. */
export const T0 = Date.UTC(2026, 0, 1);

export function useTempDir(prefix = 'dashlight-store-'): () => string {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  return () => (dir ??= mkdtempSync(join(tmpdir(), prefix)));
}

/** A path for a database file in the test's temp folder. */
export function dbIn(dir: () => string, name = 'dashlight.db'): string {
  return join(dir(), name);
}
