import { writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
import { MetricStore } from '../src/main/engine/store/metric-store.js';
import { existsSync } from 'node:fs';
const end = Date.UTC(2026, 0, 10);
const file = '/tmp/scale-prof.db';
if (!existsSync(file)) await writeSyntheticHistory(file, { end, days: 40 });
const store = await MetricStore.open(file);
const CHART = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`)];
const ranges = { '1h': 3600e3, '6h': 6 * 3600e3, '12h': 12 * 3600e3, '1d': 86400e3, '3d': 3 * 86400e3, '14d': 14 * 86400e3, '30d': 30 * 86400e3 };
for (const [label, ms] of Object.entries(ranges)) {
  const times: number[] = [];
  let r;
  for (let i = 0; i < 30; i++) { const s = performance.now(); r = store.history({ series: CHART, from: end - ms, to: end, maxPoints: 2000 }); times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  console.log(label, r!.tier, r!.series['cpu.total']!.t.length, 'median', times[15]!.toFixed(2), 'min', times[0]!.toFixed(2));
}
store.close();
