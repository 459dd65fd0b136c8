/**
 * Wide rollup rows, stored in parts. A rollup row of n series is 16 × n bytes; past a page
 * (about 250 series) SQLite chains it through overflow pages, and a chart of 9 series would read
 * every byte of 845. So a row of more than PART_SERIES series keeps its first PART_SERIES series
 * in the tier's table (with the layout of the whole row) and the rest in `<table>_parts`, part p
 * keyed p × PART_KEY_STRIDE + ts. Readers fetch only the parts that hold the series they want.
 *
 * Rows of PART_SERIES series or fewer (every ordinary machine's) are stored whole, as before; so
 * are rows written before migration 0005, which readers tell apart by their length.
 *
 * @example
 * const parts = new RowParts(db, '1m');
 * parts.write(ts, layout, blob, (head) => insert.run(ts, layoutId, head));
 * parts.read(2, from, to) // Map ts → bytes of part 2
 */
import type Database from 'better-sqlite3';
import type { Layout } from './codec.js';
import { PART_KEY_STRIDE, PART_SERIES, partsTable, type RolledTier } from './schema.js';

/** The byte range of part p (0-based) of a row in this layout. */
export function partBytes(layout: Layout, part: number): [start: number, end: number] {
  const first = part * PART_SERIES;
  const start = layout.offsets[first] ?? layout.byteLength;
  const end = layout.offsets[first + PART_SERIES] ?? layout.byteLength;
  return [start, end];
}

export class RowParts {
  private readonly insert: Database.Statement<[number, Buffer]>;
  private readonly rangeStmt: Database.Statement<[number, number], [number, Buffer]>;
  private readonly deleteRange: Database.Statement<[number, number]>;
  private readonly maxKey: Database.Statement<[], number | null>;
  /** The highest part number stored so far: deletes visit parts 1 … maxPart. */
  private maxPart: number;

  constructor(db: Database.Database, tier: RolledTier) {
    const table = partsTable(tier);
    this.insert = db.prepare(`INSERT OR REPLACE INTO ${table} (key, data) VALUES (?, ?)`);
    this.rangeStmt = db
      .prepare<[number, number], [number, Buffer]>(`SELECT key, data FROM ${table} WHERE key >= ? AND key <= ?`)
      .raw();
    this.deleteRange = db.prepare(`DELETE FROM ${table} WHERE key >= ? AND key < ?`);
    this.maxKey = db.prepare<[], number | null>(`SELECT max(key) FROM ${table}`).pluck();
    this.maxPart = Math.floor((this.maxKey.get() ?? 0) / PART_KEY_STRIDE);
  }

  /**
   * Writes a whole row: its first part through `writeHead` (the tier's table), the others here.
   * Call inside the writing transaction, after `deleteFrom` cleared the window.
   */
  write(ts: number, layout: Layout, blob: Buffer, writeHead: (head: Buffer) => void): void {
    const parts = Math.ceil(layout.keys.length / PART_SERIES);
    if (parts <= 1) {
      writeHead(blob);
      return;
    }
    writeHead(blob.subarray(0, partBytes(layout, 0)[1]));
    for (let part = 1; part < parts; part++) {
      const [start, end] = partBytes(layout, part);
      this.insert.run(part * PART_KEY_STRIDE + ts, blob.subarray(start, end));
    }
    if (parts - 1 > this.maxPart) this.maxPart = parts - 1;
  }

  /** Part `part` of the rows with from ≤ ts ≤ to, by ts. */
  read(part: number, from: number, to: number): Map<number, Buffer> {
    const base = part * PART_KEY_STRIDE;
    const found = new Map<number, Buffer>();
    for (const [key, data] of this.rangeStmt.all(base + from, base + to)) found.set(key - base, data);
    return found;
  }

  /** Deletes the parts of rows with from ≤ ts < to. */
  deleteFrom(from: number, to: number): void {
    for (let part = 1; part <= this.maxPart; part++) {
      const base = part * PART_KEY_STRIDE;
      this.deleteRange.run(base + from, base + to);
    }
  }
}
