/**
 * Decodes raw sample rows (a layout plus a blob) into RowCells for the exported series, reading
 * values straight from the blob: per layout, a plan maps each stored position to its column once,
 * so a row costs one typed-array read per value and no object per sample.
 *
 * @example
 * const rows = new RawRows(['cpu.total', 'net.rx_total[eth0]']);
 * range.scan(after, to, 5000, (ts, layout, data) => {
 *   if (rows.fill(layout, data)) format.row(out, ts, rows.cells);
 * });
 */
import { floatView, type Layout } from '../store/codec.js';
import { FLOAT32, FLOAT64, RowCells } from './row-cells.js';

interface Plan {
  /** Layout position → cell index, or -1 when the series is not exported. */
  readonly cell: Int32Array;
  /** Layout position → 1 for float64 (8-byte) values. */
  readonly wide: Uint8Array;
  /** False when the layout holds none of the exported series: the row is skipped. */
  readonly any: boolean;
}

export class RawRows {
  readonly cells: RowCells;
  private readonly column: ReadonlyMap<string, number>;
  private readonly plans = new Map<Layout, Plan>();

  constructor(keys: readonly string[]) {
    this.cells = new RowCells(keys.length);
    this.column = new Map(keys.map((key, i) => [key, i]));
  }

  /** Fills the cells from one stored row; false when it holds none of the exported series. */
  fill(layout: Layout, data: Buffer): boolean {
    const plan = this.planFor(layout);
    if (!plan.any) return false;
    const cells = this.cells;
    const values = cells.values;
    const kinds = cells.kinds;
    cells.clear();
    const view = floatView(data);
    const offsets = layout.offsets;
    const { cell, wide } = plan;
    for (let i = 0; i < cell.length; i++) {
      const c = cell[i]!;
      if (c < 0) continue;
      const offset = offsets[i]!;
      if (wide[i] === 1) {
        values[c] = data.readDoubleLE(offset);
        kinds[c] = FLOAT64;
      } else {
        values[c] = view ? view[offset >>> 2]! : data.readFloatLE(offset);
        kinds[c] = FLOAT32;
      }
    }
    return true;
  }

  private planFor(layout: Layout): Plan {
    let plan = this.plans.get(layout);
    if (!plan) {
      const cell = new Int32Array(layout.keys.length);
      const wide = new Uint8Array(layout.keys.length);
      let any = false;
      layout.keys.forEach((key, i) => {
        cell[i] = this.column.get(key) ?? -1;
        wide[i] = layout.widths[i] === 8 ? 1 : 0;
        any ||= cell[i]! >= 0;
      });
      plan = { cell, wide, any };
      this.plans.set(layout, plan);
    }
    return plan;
  }
}
