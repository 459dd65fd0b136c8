import { MetricStore } from '../src/main/engine/store/metric-store.js';
const end = Date.UTC(2026, 0, 10);
const store = await MetricStore.open('/tmp/scale-prof.db');
const CHART = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`)];
const which = process.argv[2] === '12h' ? 12 * 3600e3 : 3600e3;
const s = performance.now();
for (let i = 0; i < 200; i++) store.history({ series: CHART, from: end - which, to: end, maxPoints: 2000 });
console.log('avg', ((performance.now() - s) / 200).toFixed(2));
store.close();
