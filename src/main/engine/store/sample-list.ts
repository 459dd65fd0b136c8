/**
 * The paginated listing and `latest`: raw samples newest first, buffered rows included
 * (they are always newer than the stored ones, so they simply come first).
 *
 * @example
 * list.page({ from, to, page: 1, limit: 50 }) // { data: Sample[], pagination: { page, limit, total, totalPages } }
 */
import type Database from 'better-sqlite3';
import type { ListResult } from '../../../shared/queries.js';
import type { Sample } from '../../../shared/sample.js';
import type { GapTable } from './catalog-statements.js';
import { decodeValues, type Layout } from './codec.js';
import type { LayoutRegistry } from './layout-registry.js';
import type { WriteBuffer } from './write-buffer.js';

export interface ListQuery {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly page: number;
  readonly limit: number;
}

type RowTuple = [number, number, Buffer];

export class SampleList {
  private readonly pageStmt: Database.Statement<[number, number, number, number], RowTuple>;
  private readonly newestStmt: Database.Statement<[], RowTuple | undefined>;

  constructor(
    db: Database.Database,
    private readonly registry: LayoutRegistry,
    private readonly buffer: WriteBuffer,
    private readonly gaps: GapTable,
    /** Stored rows in a range, from the row counts: COUNT(*) over a week of rows takes tens of ms. */
    private readonly countStored: (from: number, to: number) => number,
  ) {
    this.pageStmt = db
      .prepare<[number, number, number, number], RowTuple>(
        'SELECT ts, layout, data FROM samples WHERE ts >= ? AND ts <= ? ORDER BY ts DESC LIMIT ? OFFSET ?',
      )
      .raw();
    this.newestStmt = db
      .prepare<[], RowTuple | undefined>('SELECT ts, layout, data FROM samples ORDER BY ts DESC LIMIT 1')
      .raw();
  }

  page(query: ListQuery): ListResult {
    const from = query.from ?? 0;
    const to = query.to ?? Number.MAX_SAFE_INTEGER;
    const { page, limit } = query;
    const pending = to < from ? [] : this.buffer.rowsInRange(from, to).reverse();
    const stored = to < from ? 0 : this.countStored(from, to);
    const total = stored + pending.length;
    const offset = (page - 1) * limit;
    const rows: { ts: number; layout: Layout; data: Buffer }[] = pending.slice(offset, offset + limit);
    const wanted = limit - rows.length;
    if (wanted > 0 && stored > 0) {
      const storedOffset = Math.max(0, offset - pending.length);
      for (const [ts, layoutId, data] of this.pageStmt.all(from, to, wanted, storedOffset)) {
        rows.push({ ts, layout: this.registry.byId(layoutId), data });
      }
    }
    const data = this.withGapFlags(rows.map((row) => ({ ts: row.ts, values: decodeValues(row.layout, row.data) })));
    return { data, pagination: { page, limit, total, totalPages: Math.ceil(total / limit) } };
  }

  /** The newest stored sample (the caller covers buffered ones). */
  newestStored(): Sample | null {
    const row = this.newestStmt.get();
    if (!row) return null;
    const [ts, layoutId, data] = row;
    return this.withGapFlags([{ ts, values: decodeValues(this.registry.byId(layoutId), data) }])[0]!;
  }

  /** Sets `gapBefore` on samples that end a recorded gap. */
  private withGapFlags(samples: Sample[]): Sample[] {
    if (samples.length === 0) return samples;
    const times = samples.map((s) => s.ts);
    const low = Math.min(...times);
    const high = Math.max(...times);
    const ends = new Set<number>();
    for (const gap of this.gaps.overlapping(low, high, this.buffer.gaps)) {
      if (gap.to >= low && gap.to <= high) ends.add(gap.to);
    }
    return samples.map((s) => (ends.has(s.ts) ? { ...s, gapBefore: true } : s));
  }
}
