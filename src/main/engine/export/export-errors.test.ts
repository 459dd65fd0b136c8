import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportInput } from '../../../shared/export.js';
import { MetricStore } from '../store/metric-store.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { runExport } from './export-runner.js';
import { fillStore } from './test-support.js';

const COUNT = 2000;

function csvTo(path: string): ExportInput {
  return { format: 'csv', from: T0, to: T0 + COUNT * 1000, resolution: 'raw', metrics: null, path };
}

describe('runExport failures leave nothing behind', () => {
  const dir = useTempDir('dashlight-export-err-');

  async function filledStore(): Promise<MetricStore> {
    const store = await MetricStore.open(dbIn(dir));
    fillStore(store, T0, COUNT);
    return store;
  }

  it('rejects a missing folder before reading data', async () => {
    const store = await filledStore();
    const path = join(dir(), 'nope', 'day.csv');
    let read = false;
    const watched = { ...storeFacade(store), knownSeries: () => ((read = true), store.knownSeries()) };
    await expect(runExport(watched, csvTo(path), { host: 'h', id: 'e1' })).rejects.toThrow(
      `cannot write the export to ${path}: the folder does not exist (ENOENT): create it first or choose an existing folder`,
    );
    expect(read).toBe(false);
    expect(existsSync(join(dir(), 'nope'))).toBe(false);
    store.close();
  });

  it('rejects a path under a file (ENOTDIR), a folder as target (EISDIR); nothing is written', async () => {
    const store = await filledStore();
    const file = join(dir(), 'plain-file');
    writeFileSync(file, 'x');
    await expect(runExport(store, csvTo(join(file, 'x.csv')), { host: 'h', id: 'e2' })).rejects.toThrow(
      /cannot write the export to .*plain-file\/x\.csv: a part of the path is a file, not a folder \(ENOTDIR\)/,
    );
    const folder = join(dir(), 'a-folder');
    mkdirSync(folder);
    await expect(runExport(store, csvTo(folder), { host: 'h', id: 'e3' })).rejects.toMatchObject({
      name: 'ExportWriteError',
      code: 'EISDIR',
      message: expect.stringContaining('the path is a folder (EISDIR): give a file name inside the folder'),
    });
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(dir()).filter((name) => name.includes('partial'))).toEqual([]);
    store.close();
  });

  it('cancels mid-way: AbortError, no file left, an existing target untouched', async () => {
    const store = await filledStore();
    const folder = join(dir(), 'out');
    mkdirSync(folder);
    const path = join(folder, 'day.csv');
    writeFileSync(path, 'the previous export');
    const controller = new AbortController();
    let events = 0;
    let clock = 0;
    const run = runExport(store, csvTo(path), {
      host: 'h',
      id: 'cancel-me',
      signal: controller.signal,
      chunkRows: 100,
      now: () => (clock += 1000),
      onProgress: (p) => {
        events++;
        if (p.rowsDone > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({
      name: 'AbortError',
      message: 'the export cancel-me was cancelled',
    });
    expect(events).toBe(2); // the start, then the first chunk: nothing after the cancel
    expect(readdirSync(folder)).toEqual(['day.csv']);
    expect(readFileSync(path, 'utf8')).toBe('the previous export');
    store.close();
  });

  it('rejects an export cancelled before it starts without touching the folder', async () => {
    const store = await filledStore();
    const folder = join(dir(), 'early');
    mkdirSync(folder);
    await expect(
      runExport(store, csvTo(join(folder, 'x.csv')), { host: 'h', id: 'e4', signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(readdirSync(folder)).toEqual([]);
    store.close();
  });

  it('explains ENOSPC from a stream (/dev/full)', async () => {
    if (!existsSync('/dev/full')) return;
    const store = await filledStore();
    const output = createWriteStream('/dev/full');
    await expect(runExport(store, csvTo('-'), { host: 'h', id: 'e5', output })).rejects.toMatchObject({
      code: 'ENOSPC',
      message:
        'cannot write the export to standard output: the disk is full (ENOSPC): free some space or choose another folder',
    });
    // Even a tiny export (header only) is not reported done before its bytes failed.
    const tiny = createWriteStream('/dev/full');
    await expect(
      runExport(
        store,
        { ...csvTo('-'), from: T0 + COUNT * 2000, to: T0 + COUNT * 3000 },
        { host: 'h', id: 'e6', output: tiny },
      ),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    store.close();
  });

  describe('on a full disk and a read-only one', () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'dashlight-export-full-'));
    const readOnly = mkdtempSync(join(tmpdir(), 'dashlight-export-ro-'));
    const mounted =
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status === 0 &&
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readOnly]).status === 0;
    if (!mounted) {
      // eslint-disable-next-line no-console -- a skipped test must say why, loudly (docs/ARCHITECTURE.md, Test strategy).
      console.warn(
        '\n*** SKIPPED: the export disk-full and read-only tests need to mount 64 KB tmpfs file systems (root with CAP_SYS_ADMIN). ***\n',
      );
    }
    afterAll(() => {
      for (const point of [mountPoint, readOnly]) {
        spawnSync('umount', [point]);
        rmSync(point, { recursive: true, force: true });
      }
    });

    // CI runs as root: there, a skipped disk-full test is a failure.
    it.runIf(!mounted && Boolean(process.env.CI))(
      'can mount the tmpfs the disk-full test needs (required in CI)',
      () => {
        expect.fail('mount -t tmpfs failed; CI must run the export disk-full test, not skip it');
      },
    );

    it.runIf(mounted)('rejects with "the disk is full" and leaves no file', async () => {
      const store = await filledStore();
      const path = join(mountPoint, 'day.csv');
      const result = runExport(store, csvTo(path), { host: 'h', id: 'full' });
      await expect(result).rejects.toThrow(
        `cannot write the export to ${path}: the disk is full (ENOSPC): free some space or choose another folder`,
      );
      expect(readdirSync(mountPoint)).toEqual([]);
      store.close();
    });

    it.runIf(mounted)('rejects a read-only file system before reading data', async () => {
      const store = await filledStore();
      const path = join(readOnly, 'day.csv');
      await expect(runExport(store, csvTo(path), { host: 'h', id: 'ro' })).rejects.toThrow(
        `cannot write the export to ${path}: the file system is read-only (EROFS): choose a folder on a writable disk`,
      );
      expect(readdirSync(readOnly)).toEqual([]);
      store.close();
    });
  });
});

/** The store's export surface as a plain object, so a test can watch one method. */
function storeFacade(store: MetricStore) {
  return {
    range: store.range,
    scanBuckets: store.scanBuckets.bind(store),
    knownSeries: store.knownSeries.bind(store),
    finestTierFrom: store.finestTierFrom.bind(store),
    flush: store.flush.bind(store),
    latest: store.latest.bind(store),
  };
}
