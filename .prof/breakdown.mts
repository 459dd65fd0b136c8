import { MetricStore } from '../src/main/engine/store/metric-store.js';
import { SeriesIndex } from '../src/main/engine/store/series-index.js';
import { drain } from '../src/main/engine/store/row-scans.js';
import { emptyPoints, pushPoint, rebucket, toColumns } from '../src/main/engine/store/bucketing.js';
import { roundF32 } from '../src/main/engine/store/codec.js';
const end = Date.UTC(2026, 0, 10);
const store = await MetricStore.open('/tmp/scale-prof.db');
const reader = (store as any).reader;
const CHART = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`)];
const t = { fetch: 0, rebucket: 0, columns: 0, total: 0 };
const N = 40;
for (let i = 0; i < N; i++) {
  const a = performance.now();
  const index = SeriesIndex.of(CHART);
  const points = CHART.map(() => emptyPoints());
  drain(reader.aggregated('10s', end - 12 * 3600e3, end, index, (ts: number, s: number, mn: number, av: number, mx: number, n: number) => pushPoint(points[s]!, ts, mn, av, mx, n)));
  const b = performance.now();
  const reb = points.map((p) => rebucket(p, 30_000));
  const c = performance.now();
  reb.forEach((p) => toColumns(p, { width: 30_000, threshold: 45_000, gaps: [] }, true, roundF32));
  const d = performance.now();
  t.fetch += b - a; t.rebucket += c - b; t.columns += d - c; t.total += d - a;
}
console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / N).toFixed(2)])));
// raw fetch only
const s = performance.now();
for (let i = 0; i < N; i++) drain(reader.table('10s', end - 12 * 3600e3, end, SeriesIndex.of(CHART), () => {}));
console.log('table scan only, empty sink', ((performance.now() - s) / N).toFixed(2));
const st = store.connection.prepare('SELECT ts, layout, data FROM rollup_10s WHERE ts >= ? AND ts <= ? ORDER BY ts LIMIT ?').raw();
const s2 = performance.now();
for (let i = 0; i < N; i++) st.all(end - 12 * 3600e3, end, 5000);
console.log('sql all only', ((performance.now() - s2) / N).toFixed(2));
store.close();
