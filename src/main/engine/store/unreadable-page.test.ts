// A database whose first pages the disk still reads and whose later pages it fails (an ext4 image
// on a loop device cut short where the test chooses, with the kernel's page cache dropped). SQLite
// sees those reads fail, or cut short (a page of zeros it calls malformed); either way a reader's
// open, check or query and a writer name the failed read and the device, and nothing moves the
// file aside as damaged, which would start an empty history on a disk that is failing.
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFailingDevice, type FailingDevice } from '../test-support/failing-device.js';
import { MetricStore } from './metric-store.js';
import { PAGE_BYTES, T0 } from './test-support.js';

const devices: FailingDevice[] = [makeFailingDevice(), makeFailingDevice(), makeFailingDevice()];
afterAll(() => devices.forEach((device) => device.cleanup()));
const notRun = devices[0]!.notRun;
if (notRun) process.stderr.write(`\n*** SKIPPED: the unreadable-page tests were ${notRun}. ***\n\n`);

const MIB = 1024 * 1024;

/** The file's 4 KiB blocks, by their offset on the device (FIEMAP through filefrag; ext4 blocks are 4 KiB). */
function deviceOffsets(file: string): Map<number, number> {
  const out = spawnSync('filefrag', ['-v', '-b4096', file], { encoding: 'utf8' }).stdout;
  const blocks = new Map<number, number>();
  for (const [, logical, physical, length] of out.matchAll(/^\s*\d+:\s+(\d+)\.\.\s*\d+:\s+(\d+)\.\.\s*\d+:\s+(\d+):/gm))
    for (let i = 0; i < Number(length); i++) blocks.set(Number(logical) + i, (Number(physical) + i) * PAGE_BYTES);
  return blocks;
}

/** Appends `count` samples a second apart and commits them; `cores`: per-core series as well. */
function fill(store: MetricStore, from: number, count: number, cores = 0): void {
  for (let i = from; i < from + count; i++) {
    const values: Record<string, number> = { 'cpu.total': i % 100, 'mem.percent': 50, 'load.1': i / 1000 };
    for (let core = 0; core < cores; core++) values[`cpu.core[${core}]`] = (i + core) % 100;
    store.append({ ts: T0 + i * 1000, values });
  }
  store.flush();
}

const DEVICE_FAILED = (file: string, mount: string, only?: 'read') =>
  new RegExp(
    `^cannot ${only ?? '(read|open)'} the database ${file} \\((EIO|SQLITE_IOERR\\w*)\\): the disk failed a ${only ?? '(read|write)'} \\(an I/O error on the device\\); check (the disk holding ${mount}|/dev/loop\\d+, mounted on ${mount}) `,
  );

interface Growth {
  /** The table whose pages are to be lost. */
  readonly table: string;
  /** Creates what `grow` fills: before, since a new table moves pages in an auto-vacuumed file. */
  readonly prepare?: (store: MetricStore) => void;
  /** Writes the rows whose pages are to be lost. */
  readonly grow: (store: MetricStore) => void;
}

/**
 * A database on `device` whose pages written by `grow` lie past where the device then ends: the
 * device fails, with the page cache dropped. Left as a crash leaves it, so a writer runs quick_check.
 */
async function failAfter(device: FailingDevice, { table, prepare, grow }: Growth): Promise<string> {
  const file = join(device.path, 'dashlight.db');
  // The schema, the catalogue and the first rows: every page an open reads.
  const store = await MetricStore.open(file);
  fill(store, 0, 500);
  prepare?.(store);
  store.close();
  const opened = statSync(file).size / PAGE_BYTES;
  // Another file next, so the pages written after it land further on the device.
  const filler = openSync(join(device.path, 'filler'), 'w');
  writeSync(filler, Buffer.alloc(16 * MIB, 1));
  fsyncSync(filler);
  closeSync(filler);
  const writer = await MetricStore.open(file);
  grow(writer);
  writer.connection.prepare("INSERT OR REPLACE INTO meta VALUES ('open_by', 'pid 1 since then')").run();
  writer.connection.pragma('wal_checkpoint(TRUNCATE)');
  const pages = writer.connection
    .prepare<[string], number>('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno')
    .pluck()
    .all(table);
  writer.connection.close();
  spawnSync('sync');

  const offsets = deviceOffsets(file);
  const endMib = Math.ceil(
    (Math.max(...Array.from({ length: opened }, (_, p) => offsets.get(p) ?? Infinity)) + PAGE_BYTES) / MIB,
  );
  const lost = pages.filter((page) => (offsets.get(page - 1) ?? 0) >= endMib * MIB);
  // What the test needs of ext4's placement, said if it ever differs.
  expect(lost.length, `no page of ${table} lies past ${endMib} MiB: ${JSON.stringify([...offsets])}`).toBeGreaterThan(
    0,
  );
  device.fail(endMib);
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
  } catch (error) {
    expect.fail(`the page cache could not be dropped (${(error as Error).message}), so the device is never read`);
  }
  return file;
}

/** A writer after the crash: its open writes before its quick_check reads; whichever the device fails first is named. */
async function expectWriterRefusedKeepingTheFile(file: string, mount: string): Promise<void> {
  const size = statSync(file).size;
  await expect(MetricStore.open(file)).rejects.toThrow(DEVICE_FAILED(file, mount));
  expect(readdirSync(mount).filter((name) => name.includes('.corrupt-'))).toEqual([]);
  expect(statSync(file).size).toBe(size);
}

describe('a database on a disk that fails some of its pages', () => {
  it.skipIf(notRun !== null)(
    'old pages the open never reads: the integrity check names the failed read',
    async () => {
      const device = devices[0]!;
      // A table of its own stands for old history: pages no open reads, only a check or an old range.
      const file = await failAfter(device, {
        table: 'old_rows',
        prepare: (store) => store.connection.exec('CREATE TABLE old_rows (k INTEGER PRIMARY KEY, v BLOB)'),
        grow: (store) => {
          const insert = store.connection.prepare('INSERT INTO old_rows (v) VALUES (?)');
          for (let i = 0; i < 400; i++) insert.run(Buffer.alloc(1000, i));
        },
      });
      // A reader (doctor, the API's diagnostics) opens it, and its integrity check meets those pages.
      const reader = await MetricStore.open(file, { readOnly: true });
      try {
        expect(() => reader.integrityCheck()).toThrow(DEVICE_FAILED(file, device.path, 'read'));
      } finally {
        reader.close();
      }
      await expectWriterRefusedKeepingTheFile(file, device.path);
    },
    120_000,
  );

  it.skipIf(notRun !== null)(
    'the newest rows: an open names the failed read, not a malformed file',
    async () => {
      const device = devices[1]!;
      const file = await failAfter(device, { table: 'samples', grow: (store) => fill(store, 500, 30_000) });
      await expect(MetricStore.open(file, { readOnly: true })).rejects.toThrow(
        DEVICE_FAILED(file, device.path, 'read'),
      );
      await expectWriterRefusedKeepingTheFile(file, device.path);
    },
    120_000,
  );

  it.skipIf(notRun !== null)(
    'rollups written since: a reader opens, and the history query that reads them names the failed read',
    async () => {
      const device = devices[2]!;
      const seconds = 20_500;
      const file = await failAfter(device, {
        table: 'rollup_10s',
        // Raw rows the open and the rollup read; the rollup's buckets are what the device loses.
        prepare: (store) => {
          // 40 series, so the buckets take megabytes: the device's end falls between whole MiB.
          // In commits of 2,000 rows: the write buffer holds at most an hour (3,600) between commits.
          for (let from = 500; from < seconds; from += 2000) fill(store, from, Math.min(2000, seconds - from), 40);
        },
        grow: (store) => store.rollup(T0 + (seconds + 60) * 1000),
      });
      const reader = await MetricStore.open(file, { readOnly: true });
      try {
        // 2,050 buckets of 10 s answer 2,000 points: the history reads the lost tier.
        const query = { series: ['cpu.total'], from: T0, to: T0 + seconds * 1000, maxPoints: 2000 };
        expect(() => reader.history(query)).toThrow(DEVICE_FAILED(file, device.path, 'read'));
        expect(() => reader.history(query)).toThrow(DEVICE_FAILED(file, device.path, 'read'));
      } finally {
        reader.close();
      }
      expect(readdirSync(device.path).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    },
    120_000,
  );
});
