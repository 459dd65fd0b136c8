import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log/logger.js';
import type { MetricStore } from '../store/metric-store.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { TestClock } from '../test-support/test-clock.js';
import { dbIn, useTempDir } from '../store/test-support.js';
import { ExportService } from './export-service.js';

const HOUR = 3_600_000;
/** Ten past an hour: the hour before is due (an hour is archived two minutes after it ends). */
const NOW = Date.UTC(2026, 10, 23, 9, 10);

/** An export service with the hourly archive on, into `folder`. */
const archiveService = (store: MetricStore, folder: string) =>
  new ExportService({
    store,
    host: 'h',
    log: silentLogger(),
    clock: new TestClock(NOW),
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
    const store = await openEngineStore(dbIn(dir));
    const thisHour = Math.floor(NOW / HOUR) * HOUR;
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
    // The archive writes on its own (real files): wait until the three hours are there, or fail saying so.
    const files = await vi.waitFor(
      async () => {
        const found = (await readdir(folder, { recursive: true }).catch(() => [] as string[])).filter((f) =>
          f.endsWith('.json'),
        );
        if (found.length < 3) throw new Error(`the archive wrote ${found.length} of 3 hour files`);
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
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
