/**
 * Maps series keys to small dense numbers for one query, and each layout to the positions of the
 * wanted series only, so decoding a row touches the series asked for and no other: a chart of 9
 * series reads 9 values from a row of 845.
 *
 * @example
 * const index = SeriesIndex.of(['cpu.total']);       // only these series
 * const all = SeriesIndex.open();                     // every series met, numbered as met
 * index.wanted(layout) // Int32Array [position, series, position, series, …] of the wanted ones
 */
import type { Layout } from './codec.js';

export class SeriesIndex {
  readonly keys: string[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly cache = new Map<Layout, Int32Array>();
  private readonly ends = new Map<Layout, number>();

  private constructor(private readonly growable: boolean) {}

  /** A fixed set of series; others are skipped. */
  static of(keys: readonly string[]): SeriesIndex {
    const index = new SeriesIndex(false);
    for (const key of keys) index.numberOf(key, true);
    return index;
  }

  /** Every series met while scanning. */
  static open(): SeriesIndex {
    return new SeriesIndex(true);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Pairs of (position in the layout, series number) for the wanted series the layout holds, by position. */
  wanted(layout: Layout): Int32Array {
    let pairs = this.cache.get(layout);
    if (!pairs) {
      const found: number[] = [];
      layout.keys.forEach((key, position) => {
        const series = this.numberOf(key, this.growable);
        if (series >= 0) found.push(position, series);
      });
      pairs = Int32Array.from(found);
      this.cache.set(layout, pairs);
    }
    return pairs;
  }

  /** Where the last wanted series ends in a whole row of this layout; 0 when it holds none. */
  wantedEnd(layout: Layout): number {
    let end = this.ends.get(layout);
    if (end === undefined) {
      end = 0;
      // A fixed set looks its few keys up in the layout instead of walking all of the layout's
      // keys: planning visits every known layout, most of which the range never reaches.
      const positions = this.growable ? this.wanted(layout).filter((_, i) => i % 2 === 0) : this.positionsIn(layout);
      for (const position of positions) end = Math.max(end, layout.offsets[position]! + layout.widths[position]!);
      this.ends.set(layout, end);
    }
    return end;
  }

  /**
   * The bytes at the start of a row that hold every wanted series, over the given layouts (raw
   * ones, or rollup ones: a row stored in parts has only its first part there, and `substr`
   * returns no more than that); null when whole rows are needed (every series is wanted).
   */
  prefixBytes(layouts: Iterable<Layout>, aggregated: boolean): number | null {
    if (this.growable) return null;
    let bytes = 0;
    for (const layout of layouts) if (layout.aggregated === aggregated) bytes = Math.max(bytes, this.wantedEnd(layout));
    return bytes;
  }

  private positionsIn(layout: Layout): number[] {
    const positions: number[] = [];
    for (const key of this.keys) {
      const position = layout.index.get(key);
      if (position !== undefined) positions.push(position);
    }
    return positions;
  }

  private numberOf(key: string, add: boolean): number {
    const known = this.numbers.get(key);
    if (known !== undefined) return known;
    if (!add) return -1;
    this.numbers.set(key, this.keys.length);
    this.keys.push(key);
    return this.keys.length - 1;
  }
}
