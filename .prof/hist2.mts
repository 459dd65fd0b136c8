import { MetricStore } from '../src/main/engine/store/metric-store.js';
const end = Date.UTC(2026, 0, 10);
const store = await MetricStore.open('/tmp/scale-prof.db');
const cache = Number(process.argv[2] ?? 2000);
store.connection.pragma(`cache_size = -${cache}`);
const CHART = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`)];
const ranges = { '1h': 3600e3, '6h': 6 * 3600e3, '12h': 12 * 3600e3, '1d': 86400e3, '3d': 3 * 86400e3, '14d': 14 * 86400e3, '30d': 30 * 86400e3 };
const out: string[] = [];
for (const [label, ms] of Object.entries(ranges)) {
  const times: number[] = [];
  let r;
  for (let i = 0; i < 30; i++) { const s = performance.now(); r = store.history({ series: CHART, from: end - ms, to: end, maxPoints: 2000 }); times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  out.push(`${label} ${r!.tier} ${times[15]!.toFixed(1)}/${times[0]!.toFixed(1)}`);
}
console.log(`cache ${cache}: ${out.join(' | ')} rss ${(process.memoryUsage().rss / 1e6).toFixed(0)}`);
store.close();
