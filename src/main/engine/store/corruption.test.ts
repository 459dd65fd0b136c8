import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { T0, dbIn, middleLeaf, overwrite, PAGE_BYTES, useTempDir } from './test-support.js';

async function assertFreshAndWorking(file: string): Promise<void> {
  const store = await MetricStore.open(file);
  expect(store.quarantined).toBeNull();
  expect(store.integrityCheck()).toBe('ok');
  store.close();
}

describe('damaged database files', () => {
  const dir = useTempDir();

  it('moves a file of garbage bytes (and its WAL) aside and starts fresh', async () => {
    const file = dbIn(dir);
    const garbage = Buffer.alloc(64 * 1024, 0x5a);
    writeFileSync(file, garbage);
    writeFileSync(`${file}-wal`, Buffer.from('not a wal'));
    const store = await MetricStore.open(file);
    expect(store.quarantined).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.corrupt-\\d{4}-\\d\\d-\\d\\dT`),
    );
    expect(readFileSync(store.quarantined!)).toEqual(garbage);
    // SQLite may drop a WAL it cannot use when the failed connection closes; the stale one must not stay beside the new file.
    const stale = (path: string) => existsSync(path) && readFileSync(path).toString() === 'not a wal';
    expect(stale(`${file}-wal`)).toBe(false);
    store.append({ ts: T0, values: { 'cpu.total': 7 } });
    expect(store.flush()).toBe(1);
    expect(store.list({ page: 1, limit: 10 }).data).toEqual([{ ts: T0, values: { 'cpu.total': 7 } }]);
    store.close();
    await assertFreshAndWorking(file);
  });

  /** A database of 5000 samples, closed, then a page of samples in its middle overwritten with garbage. */
  async function damaged(closeCleanly: boolean): Promise<{ file: string; size: number }> {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    for (let i = 0; i < 5000; i++)
      store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i, 'mem.percent': 50, 'load.1': 1 } });
    store.flush();
    // An unclean end leaves the open mark a crash would leave (see open-database.ts).
    if (!closeCleanly)
      store.connection.prepare("INSERT OR REPLACE INTO meta VALUES ('open_by', 'pid 1 since then')").run();
    store.connection.pragma('wal_checkpoint(TRUNCATE)');
    // A leaf page of the samples in the middle: rows only a query (or quick_check) reads, never the open.
    const leaf = middleLeaf(store.connection, 'samples');
    if (closeCleanly) store.close();
    else store.connection.close();
    const size = statSync(file).size;
    overwrite(file, (leaf - 1) * PAGE_BYTES, Buffer.alloc(PAGE_BYTES, 0xa7));
    return { file, size };
  }

  it('after a clean close, opens without reading the whole file (no quick_check), and checks on request', async () => {
    const { file, size } = await damaged(true);
    const reopened = await MetricStore.open(file);
    expect(reopened.quarantined).toBeNull();
    expect(reopened.openCheck).toEqual({ ran: false, reason: 'the last writer closed it cleanly', result: null });
    reopened.close();
    const checked = await MetricStore.open(file, { quickCheck: 'always' });
    expect(checked.quarantined).not.toBeNull();
    expect(statSync(checked.quarantined!).size).toBe(size);
    expect(checked.openCheck).toEqual({ ran: true, reason: 'asked for', result: 'ok' });
    checked.close();
  });

  it('after an unclean shutdown, runs quick_check and moves a database with a damaged page aside', async () => {
    const { file, size } = await damaged(false);
    const reopened = await MetricStore.open(file);
    expect(reopened.quarantined).not.toBeNull();
    expect(statSync(reopened.quarantined!).size).toBe(size);
    expect(reopened.info().rows.raw).toBe(0);
    expect(reopened.latest()).toBeNull();
    reopened.close();
    await assertFreshAndWorking(file);
    expect(readdirSync(dir()).filter((name) => name.startsWith(`${basename(file)}.corrupt-`))).toHaveLength(1);
  });

  it('explains a data folder it cannot create, naming the path', async () => {
    const blocker = join(dir(), 'not-a-folder');
    writeFileSync(blocker, 'x');
    await expect(MetricStore.open(join(blocker, 'dashlight.db'))).rejects.toThrow(
      new RegExp(`cannot create the data folder ${blocker.replace(/[/.]/g, '\\$&')} .*--db or DASHLIGHT_DATA_DIR`),
    );
  });

  it('reports a folder at the database path as a folder, without quarantining anything', async () => {
    const file = dbIn(dir);
    mkdirSync(file);
    await expect(MetricStore.open(file)).rejects.toThrow(
      `${file} is a folder, not a database file: give a file in it, e.g. --db ${join(file, 'dashlight.db')}`,
    );
    expect(statSync(file).isDirectory()).toBe(true);
    expect(readdirSync(dir())).toEqual([basename(file)]);
  });
});
