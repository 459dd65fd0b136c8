/**
 * The in-memory catalogue of series keys and row layouts, mirrored in the `series` and
 * `layouts` tables. Layouts are resolved in memory on the hot path (no I/O in `append`);
 * ids are assigned when a row is first written, inside the writing transaction.
 *
 * @example
 * const registry = new LayoutRegistry(db);
 * const layout = registry.rawLayoutFor(sample.values); // memory only
 * db.transaction(() => insert.run(ts, registry.persist(layout), blob))();
 * registry.commit();
 */
import type Database from 'better-sqlite3';
import { Layout, finiteKeys, rawWidth, type Width } from './codec.js';

/** Distinct key orders seen in samples; bounded in case collectors flap. */
const SIGNATURE_CACHE_LIMIT = 4096;

export class LayoutRegistry {
  private readonly seriesIds = new Map<string, number>();
  private readonly seriesKeys = new Map<number, string>();
  private readonly byShape = new Map<string, Layout>();
  private readonly byIdMap = new Map<number, Layout>();
  private readonly bySignature = new Map<string, Layout>();
  /** Ids given out in the current transaction; forgotten again if it rolls back. */
  private tentativeSeries: string[] = [];
  private tentativeLayouts: Layout[] = [];
  private readonly stmt: {
    insertSeries: Database.Statement<[string]>;
    seriesId: Database.Statement<[string], { id: number }>;
    seriesKey: Database.Statement<[number], { key: string }>;
    insertLayout: Database.Statement<[string]>;
    layoutId: Database.Statement<[string], { id: number }>;
    layoutSpec: Database.Statement<[number], { spec: string }>;
  };

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertSeries: db.prepare('INSERT OR IGNORE INTO series (key) VALUES (?)'),
      seriesId: db.prepare('SELECT id FROM series WHERE key = ?'),
      seriesKey: db.prepare('SELECT key FROM series WHERE id = ?'),
      insertLayout: db.prepare('INSERT OR IGNORE INTO layouts (spec) VALUES (?)'),
      layoutId: db.prepare('SELECT id FROM layouts WHERE spec = ?'),
      layoutSpec: db.prepare('SELECT spec FROM layouts WHERE id = ?'),
    };
    for (const row of db.prepare('SELECT id, key FROM series').all() as { id: number; key: string }[]) {
      this.rememberSeries(row.key, row.id);
    }
    for (const row of db.prepare('SELECT id, spec FROM layouts').all() as { id: number; spec: string }[]) {
      this.rememberLayout(row.id, row.spec);
    }
  }

  /** The raw layout for a sample's finite values. Memory only: safe on the hot path. */
  rawLayoutFor(values: Readonly<Record<string, number>>): Layout {
    const keys = finiteKeys(values);
    const signature = keys.join('\n');
    let layout = this.bySignature.get(signature);
    if (!layout) {
      keys.sort();
      layout = this.intern(new Layout(keys, keys.map(rawWidth)));
      if (this.bySignature.size >= SIGNATURE_CACHE_LIMIT) this.bySignature.clear();
      this.bySignature.set(signature, layout);
    }
    return layout;
  }

  /** The rollup layout for a set of keys. */
  aggregateLayoutFor(keys: readonly string[]): Layout {
    return this.intern(Layout.aggregate(keys));
  }

  /** The layout a stored row names; reads the catalogue if another connection added it. */
  byId(id: number): Layout {
    const known = this.byIdMap.get(id);
    if (known) return known;
    const row = this.stmt.layoutSpec.get(id);
    if (!row)
      throw new Error(`row refers to layout ${id}, which is not in the catalogue (the database is inconsistent)`);
    return this.rememberLayout(id, row.spec);
  }

  /** Writes the layout (and its series) to the catalogue if needed; call inside a transaction. */
  persist(layout: Layout): number {
    if (layout.id !== null) return layout.id;
    const spec = JSON.stringify(layout.keys.map((key, i) => [this.persistSeries(key), layout.widths[i]]));
    this.stmt.insertLayout.run(spec);
    const id = this.stmt.layoutId.get(spec)!.id;
    layout.id = id;
    this.byIdMap.set(id, layout);
    this.tentativeLayouts.push(layout);
    return id;
  }

  /** The transaction that called `persist` committed: its ids are now real. */
  commit(): void {
    this.tentativeSeries = [];
    this.tentativeLayouts = [];
  }

  /** The transaction rolled back: forget the ids it handed out. */
  rollback(): void {
    for (const key of this.tentativeSeries) {
      const id = this.seriesIds.get(key);
      this.seriesIds.delete(key);
      if (id !== undefined) this.seriesKeys.delete(id);
    }
    for (const layout of this.tentativeLayouts) {
      if (layout.id !== null) this.byIdMap.delete(layout.id);
      layout.id = null;
    }
    this.commit();
  }

  /** Every layout known to this process (resolved from the catalogue or made for a sample). */
  layouts(): IterableIterator<Layout> {
    return this.byShape.values();
  }

  /** Every series key in the catalogue. */
  keys(): string[] {
    return [...this.seriesIds.keys()];
  }

  private persistSeries(key: string): number {
    const known = this.seriesIds.get(key);
    if (known !== undefined) return known;
    this.stmt.insertSeries.run(key);
    const id = this.stmt.seriesId.get(key)!.id;
    this.rememberSeries(key, id);
    this.tentativeSeries.push(key);
    return id;
  }

  private rememberSeries(key: string, id: number): void {
    this.seriesIds.set(key, id);
    this.seriesKeys.set(id, key);
  }

  private rememberLayout(id: number, spec: string): Layout {
    const entries = JSON.parse(spec) as [number, Width][];
    const keys = entries.map(([seriesId]) => this.keyOf(seriesId));
    const layout = this.intern(
      new Layout(
        keys,
        entries.map(([, width]) => width),
      ),
    );
    layout.id = id;
    this.byIdMap.set(id, layout);
    return layout;
  }

  private keyOf(seriesId: number): string {
    const known = this.seriesKeys.get(seriesId);
    if (known !== undefined) return known;
    const row = this.stmt.seriesKey.get(seriesId);
    if (!row)
      throw new Error(
        `layout refers to series ${seriesId}, which is not in the catalogue (the database is inconsistent)`,
      );
    this.rememberSeries(row.key, seriesId);
    return row.key;
  }

  private intern(layout: Layout): Layout {
    const existing = this.byShape.get(layout.shape);
    if (existing) return existing;
    this.byShape.set(layout.shape, layout);
    return layout;
  }
}
