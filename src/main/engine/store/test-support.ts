/**
 * Helpers for the store's tests: a fresh temp folder per test (removed afterwards) and a fixed
 * clock origin, so every test uses real SQLite files and no wall-clock time.
 *
 * @example
 * const dir = useTempDir();
 * const store = await MetricStore.open(join(dir(), 'a.db'));
 */
import type Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
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

/** SQLite's page size in the store's files. */
export const PAGE_BYTES = 4096;

/**
 * The leaf page in the middle of `table`'s b-tree, numbered from 1 as SQLite numbers pages: rows
 * only a query or a check reads, never an open.
 */
export function middleLeaf(db: Database.Database, table: string): number {
  const leaves = db
    .prepare<[string], number>("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all(table);
  return leaves[Math.floor(leaves.length / 2)]!;
}

/** Writes `bytes` into `file` at `offset`, behind SQLite's back (damage, or what a short read returns). */
export function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}
