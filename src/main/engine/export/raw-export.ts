/**
 * Streams the raw tier: committed samples read in chunks behind a cursor (`range.scan` after the
 * last timestamp written), decoded straight from their blobs, so any range takes constant memory.
 *
 * @example
 * await writeRawRows(store.range, keys, from, to, 5000, writer);
 */
import type { SampleRange } from '../store/sample-range.js';
import type { ExportWriter } from './export-writer.js';
import { RawRows } from './raw-rows.js';

/** Rows read, formatted and written per chunk: ~20 ms of work for the default 45 series. */
export const DEFAULT_RAW_CHUNK_ROWS = 5000;

/** Writes every stored sample with from <= ts <= to that holds an exported series. */
export async function writeRawRows(
  range: Pick<SampleRange, 'scan'>,
  keys: readonly string[],
  from: number,
  to: number,
  chunkRows: number,
  writer: ExportWriter,
): Promise<void> {
  const rows = new RawRows(keys);
  const cells = rows.cells;
  let after = from - 1;
  for (;;) {
    let read = 0;
    const last = range.scan(after, to, chunkRows, (ts, layout, data) => {
      read++;
      if (rows.fill(layout, data)) writer.row(ts, cells);
    });
    if (last === null) return;
    after = last;
    await writer.endChunk();
    if (read < chunkRows) return;
  }
}
