/**
 * Maps series keys to small dense numbers for one query, and each layout's positions to those
 * numbers, so decoding a row is array indexing rather than a map lookup per value.
 *
 * @example
 * const index = SeriesIndex.of(['cpu.total']);       // only these series
 * const all = SeriesIndex.open();                     // every series met, numbered as met
 * index.positions(layout) // Int32Array: layout position → series number, or -1
 */
import type { Layout } from './codec.js';

export class SeriesIndex {
  readonly keys: string[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly cache = new Map<Layout, Int32Array>();

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

  positions(layout: Layout): Int32Array {
    let map = this.cache.get(layout);
    if (!map) {
      map = new Int32Array(layout.keys.length);
      layout.keys.forEach((key, i) => (map![i] = this.numberOf(key, this.growable)));
      this.cache.set(layout, map);
    }
    return map;
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
