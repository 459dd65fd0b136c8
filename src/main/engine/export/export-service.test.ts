import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { MetricStore } from '../store/metric-store.js';
import { dbIn, useTempDir } from '../store/test-support.js';
import { ExportService } from './export-service.js';

const HOUR = 3_600_000;

/** An export service with the hourly archive on, into `folder`. */
const archiveService = (store: MetricStore, folder: string) =>
  new ExportService({
    store,
    host: 'h',
    log: silentLogger(),
    settings: { enabled: true, folder },
    emitProgress: () => {},
    emitDone: () => {},
  });

describe('ExportService: the hourly archive', () => {
  const dir = useTempDir('dashlight-archive-service-');
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it('fills the hours missed while not running as soon as it starts, and stops cleanly', async () => {
    const store = await MetricStore.open(dbIn(dir));
    // The archive writes an hour a minute after it ends: in the first minutes of an hour, the one
    // before is not due yet, so count from the hour that was current two minutes ago.
    const thisHour = Math.floor((Date.now() - 2 * 60_000) / HOUR) * HOUR;
    for (let h = 3; h >= 1; h--)
      for (let s = 0; s < 5; s++) store.append({ ts: thisHour - h * HOUR + s * 60_000, values: { 'cpu.total': h } });
    store.flush();
    const folder = join(dir(), 'archive');
    const service = archiveService(store, folder);
    cleanup.push(async () => {
      await service.stop();
      store.close();
    });
    service.start();
    const deadline = Date.now() + 10_000;
    let files: string[] = [];
    while (files.length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      files = (await readdir(folder, { recursive: true }).catch(() => [] as string[])).filter((f) =>
        f.endsWith('.json'),
      );
    }
    const hourName = (start: number) => {
      const d = new Date(start);
      const pad = (n: number) => String(n).padStart(2, '0');
      return join(d.toISOString().slice(0, 10), `${pad(d.getUTCHours())}-${pad(d.getUTCHours() + 1)}.json`);
    };
    expect(files.sort()).toEqual([3, 2, 1].map((h) => hourName(thisHour - h * HOUR)).sort());
    expect(service.archiveStatus()).toMatchObject({ folder, failedHours: 0 });
    service.configure({ enabled: false, folder: null });
    expect(service.archiveStatus()).toBeNull();
    // A process that never started the archive (doctor) still reads its job table.
    const reader = archiveService(store, folder);
    expect(reader.archiveStatus()).toMatchObject({ folder, failedHours: 0, lastHour: thisHour - HOUR });
  });
});
