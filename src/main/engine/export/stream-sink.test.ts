import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ExportInput } from '../../../shared/export.js';
import { MetricStore } from '../store/metric-store.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { runExport } from './export-runner.js';
import { StreamSink } from './stream-sink.js';
import { fillStore } from './test-support.js';

const COUNT = 1000;
const ALL: ExportInput = {
  format: 'csv',
  from: T0,
  to: T0 + COUNT * 1000,
  resolution: 'raw',
  metrics: null,
  path: '-',
};

/** A reader that takes a turn of the event loop per chunk and records how much ever waited in its buffer. */
function slowReader() {
  let most = 0;
  let bytes = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      most = Math.max(most, stream.writableLength);
      bytes += chunk.length;
      setImmediate(callback);
    },
  });
  return { stream, most: () => most, bytes: () => bytes };
}

describe('exports to a stream', () => {
  const dir = useTempDir('dashlight-export-stream-');

  it('waits for drain: at most one chunk is ever queued in the stream', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fillStore(store, T0, COUNT);
    const reader = slowReader();
    const result = await runExport(store, ALL, { host: 'h', id: 's1', chunkRows: 100, output: reader.stream });
    expect(reader.bytes()).toBe(result.bytes);
    // One chunk of 100 rows is ~30 KB; without backpressure all 10 would pile up (~300 KB).
    expect(reader.most()).toBeLessThanOrEqual(result.bytes / 5);
    store.close();
  });

  it('rejects clearly when the reader goes away mid-way (EPIPE)', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fillStore(store, T0, COUNT);
    let chunks = 0;
    const stream = new Writable({
      write(_chunk, _encoding, callback) {
        chunks++;
        if (chunks === 2) callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        else callback();
      },
    });
    await expect(runExport(store, ALL, { host: 'h', id: 's2', chunkRows: 100, output: stream })).rejects.toMatchObject({
      code: 'EPIPE',
      message:
        'cannot write the export to standard output: the program reading the output stopped (broken pipe) (EPIPE): keep the reader running until the export ends',
    });
    store.close();
  });

  it('can be cancelled while waiting for a reader that never drains', async () => {
    const stuck = new Writable({ highWaterMark: 16, write: () => {} });
    const controller = new AbortController();
    const sink = new StreamSink(stuck, '-', controller.signal, 'stuck');
    const pending = sink.write(Buffer.alloc(1024));
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
