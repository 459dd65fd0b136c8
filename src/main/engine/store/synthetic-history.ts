/**
 * Writes a synthetic history straight into every tier of schema.ts, as a year of 1 Hz sampling
 * would leave it under the default retention: each tier for as long as its retention setting
 * keeps it within the span (raw, 10 s, 30 s and 2 min for `rawDays`, the other minute tiers for `minuteDays`,
 * the hour and day tiers for the whole span), wide rows in parts, row counts, watermarks at the end. For benchmarks
 * (file size, query latency) and large-data tests; values are smooth waves plus noise, counters
 * only grow.
 *
 * @example
 * const report = await writeSyntheticHistory('/tmp/year.db', { end: Date.UTC(2026, 0, 1) });
 * report.rows // { raw: 604800, '10s': 60480, '30s': 20160, '1m': 129600, '2m': 5040, '5m': 25920, '15m': 8640, '30m': 4320, … }
 */
import { statSync } from 'node:fs';
import { silentLogger } from '../log/logger.js';
import { Watermarks } from './catalog-statements.js';
import { rawWidth, type Layout } from './codec.js';
import { LayoutRegistry } from './layout-registry.js';
import { STORE_MIGRATIONS, type Migrations } from './migrations.js';
import { openDatabase } from './open-database.js';
import { RowCounts } from './row-counts.js';
import { RowParts } from './row-parts.js';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  ROLLED_TIERS,
  TIER_LIST,
  bucketStart,
  tierInfo,
  type RetentionKnob,
  type RolledTier,
  type StoreTier,
  type TierInfo,
} from './schema.js';

export interface SyntheticHistoryOptions {
  /** End of the history (exclusive), UTC ms; rounded down to the hour. */
  readonly end: number;
  readonly days?: number;
  readonly rawDays?: number;
  readonly minuteDays?: number;
  readonly intervalMs?: number;
  /** From `at` on, raw rows come every `intervalMs` instead (a sampling interval changed mid-history). */
  readonly change?: { readonly at: number; readonly intervalMs: number };
  /** Cadence of the slow series (mount usage, temperature). */
  readonly slowIntervalMs?: number;
  readonly series?: { readonly hot: readonly string[]; readonly slow: readonly string[] };
  /**
   * `minute` runs raw and 1-minute rows up to the last whole minute before `end` (the 1-hour tier
   * still stops at the hour), so an engine started on the file continues without a hole: what the
   * dashboard's end-to-end tests and screenshots want. Default `hour`.
   */
  readonly alignEnd?: 'hour' | 'minute';
  /** Every migration the file may have run (default: the store's own; an engine's file needs ENGINE_MIGRATIONS). */
  readonly migrations?: Migrations;
}

export interface SyntheticHistoryReport {
  readonly rows: Record<StoreTier, number>;
  readonly seriesCount: number;
  /** Rate of the raw-tier bulk insert (rows per second, encoding included). */
  readonly rawRowsPerSecond: number;
  readonly elapsedMs: number;
  /** Database file size after a checkpoint. */
  readonly fileBytes: number;
}

/** ~45 series: a realistic machine with 8 cores, 3 interfaces, 2 disks and 3 mounts. */
export function defaultSyntheticSeries(): { hot: string[]; slow: string[] } {
  const cores = Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`);
  const ifaces = ['eth0', 'wlan0', 'docker0'].flatMap((n) => [
    `net.rx[${n}]`,
    `net.tx[${n}]`,
    `net.rx_total[${n}]`,
    `net.tx_total[${n}]`,
  ]);
  const disks = ['sda', 'nvme0n1'].flatMap((d) => [`disk.read[${d}]`, `disk.write[${d}]`]);
  const mounts = ['/', '/home', '/boot'].flatMap((m) => [`fs.used[${m}]`, `fs.used_pct[${m}]`]);
  return {
    hot: ['cpu.total', 'cpu.user', 'cpu.system', 'cpu.iowait', ...cores, 'load.1', 'load.5', 'load.15'].concat([
      'mem.used',
      'mem.available',
      'mem.total',
      'mem.percent',
      'swap.used',
      'swap.percent',
      ...ifaces,
      ...disks,
    ]),
    slow: [...mounts, 'disk.used_pct', 'temp.cpu'],
  };
}

/** A deterministic value for series `s` at time `t`: a daily wave, a faster wave and hashed noise. */
function valueAt(s: number, t: number, counter: boolean): number {
  if (counter) return 1e9 * (s + 1) + (t / 1000) * (5000 + 1000 * s);
  const phase = (t / DAY_MS) * 2 * Math.PI;
  let h = (Math.imul((t / 1000) | 0, 2654435761) ^ Math.imul(s + 1, 40503)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
  const noise = (h % 1000) / 1000;
  return 40 + 25 * Math.sin(phase + s) + 10 * Math.sin(phase * 24 + s) + 10 * noise;
}

/** When raw readings are taken: every `interval` ms, or `change.intervalMs` from `change.at` on. */
function stepAt(options: SyntheticHistoryOptions, t: number): number {
  return options.change && t >= options.change.at ? options.change.intervalMs : (options.intervalMs ?? 1000);
}

/** Readings of cadence `step` (multiples of it since the epoch) in [t, t + ms). */
const readingsIn = (t: number, ms: number, step: number) => Math.ceil((t + ms) / step) - Math.ceil(t / step);

export async function writeSyntheticHistory(
  file: string,
  options: SyntheticHistoryOptions,
): Promise<SyntheticHistoryReport> {
  const started = performance.now();
  const end = bucketStart(options.end, HOUR_MS);
  const fineEnd = options.alignEnd === 'minute' ? bucketStart(options.end, MINUTE_MS) : end;
  const slowInterval = options.slowIntervalMs ?? 60_000;
  const series = options.series ?? defaultSyntheticSeries();
  const all = [...series.hot, ...series.slow];
  const number = new Map(all.map((key, i) => [key, i]));
  // Never further back than the history itself: a month's record has a month of minutes.
  const days = options.days ?? 365;
  const keepDays: Record<RetentionKnob, number> = {
    rawDays: Math.min(options.rawDays ?? 7, days),
    minuteDays: Math.min(options.minuteDays ?? 90, days),
    hourDays: days,
  };
  const { db, kysely } = await openDatabase(file, {
    log: silentLogger(),
    migrations: options.migrations ?? STORE_MIGRATIONS,
  });
  try {
    const registry = new LayoutRegistry(db);
    const watermarks = new Watermarks(db, kysely);
    const counts = new RowCounts(db);
    const values = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 1]));
    const persist = (layout: Layout) => db.transaction(() => registry.persist(layout))();
    const hotLayout = registry.rawLayoutFor(values(series.hot));
    const fullLayout = registry.rawLayoutFor(values(all));
    const aggHot = registry.aggregateLayoutFor(series.hot);
    const aggAll = registry.aggregateLayoutFor(all);
    for (const layout of [hotLayout, fullLayout, aggHot, aggAll]) persist(layout);
    registry.commit();

    const rows = Object.fromEntries(TIER_LIST.map((tier) => [tier.name, 0])) as Record<StoreTier, number>;
    /** Writes one row per step in [from, until) that `encode` returns one for, in 20,000-row transactions. */
    const writeTier = (
      tier: TierInfo,
      from: number,
      until: number,
      next: (t: number) => number,
      encode: (t: number) => { layout: Layout; data: Buffer } | null,
    ) => {
      const insert = db.prepare<[number, number, Buffer]>(
        `INSERT OR REPLACE INTO ${tier.table} (ts, layout, data) VALUES (?, ?, ?)`,
      );
      const parts = tier.name === 'raw' ? null : new RowParts(db, tier.name as RolledTier);
      const batch = db.transaction((start: number) => {
        let t = start;
        for (let n = 0; n < 20_000 && t < until; n++, t = next(t)) {
          const row = encode(t);
          if (!row) continue;
          const id = row.layout.id!;
          if (parts) parts.write(t, row.layout, row.data, (head) => insert.run(t, id, head));
          else insert.run(t, id, row.data);
          rows[tier.name]++;
        }
        return t;
      });
      for (let t = from; t < until;) t = batch(t);
    };

    const rawStarted = performance.now();
    const rawFrom = end - keepDays.rawDays * DAY_MS;
    const encodeRaw = (t: number) => {
      const layout = t % slowInterval === 0 ? fullLayout : hotLayout;
      const data = Buffer.allocUnsafe(layout.byteLength);
      layout.keys.forEach((key, i) => {
        const v = valueAt(number.get(key)!, t, rawWidth(key) === 8);
        if (layout.widths[i] === 8) data.writeDoubleLE(v, layout.offsets[i]!);
        else data.writeFloatLE(v, layout.offsets[i]!);
      });
      return { layout, data };
    };
    const firstRaw = Math.ceil(rawFrom / stepAt(options, rawFrom)) * stepAt(options, rawFrom);
    writeTier(
      tierInfo('raw'),
      firstRaw,
      fineEnd,
      (t) => {
        const step = stepAt(options, t + 1);
        return Math.ceil((t + 1) / step) * step;
      },
      encodeRaw,
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;

    const aggregate = (bucketMs: number) => (t: number) => {
      const step = stepAt(options, t);
      const readings = readingsIn(t, bucketMs, step);
      if (readings === 0) return null;
      const slowReadings = readingsIn(t, bucketMs, Math.max(slowInterval, step));
      const layout = slowReadings > 0 ? aggAll : aggHot;
      const data = Buffer.allocUnsafe(layout.byteLength);
      layout.keys.forEach((key, i) => {
        const s = number.get(key)!;
        const counter = rawWidth(key) === 8;
        const slow = s >= series.hot.length;
        const avg = valueAt(s, t + bucketMs / 2, counter);
        const o = layout.offsets[i]!;
        data.writeFloatLE(counter ? valueAt(s, t, true) : avg - 5, o);
        data.writeFloatLE(avg, o + 4);
        data.writeFloatLE(counter ? valueAt(s, t + bucketMs - step, true) : avg + 5, o + 8);
        data.writeFloatLE(slow ? slowReadings : readings, o + 12);
      });
      return { layout, data };
    };
    for (const tier of ROLLED_TIERS) {
      const until = bucketStart(tier.ms <= MINUTE_MS ? fineEnd : end, tier.ms);
      const from = bucketStart(end - keepDays[tier.keep] * DAY_MS, tier.ms);
      writeTier(tier, from, until, (t) => t + tier.ms, aggregate(tier.ms));
      db.transaction(() => watermarks.set(tier.name, until))();
    }
    for (const tier of TIER_LIST) counts.rebuild(tier.name);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      rows,
      seriesCount: all.length,
      rawRowsPerSecond: rows.raw / rawSeconds,
      elapsedMs: performance.now() - started,
      fileBytes: statSync(file).size,
    };
  } finally {
    db.close();
  }
}
