import { readFileSync } from 'node:fs';
import { MetricStore } from '../src/main/engine/store/metric-store.js';
import { ENGINE_MIGRATIONS } from '../src/main/engine/modules.js';
const anon = () => { const r = readFileSync('/proc/self/smaps_rollup', 'utf8'); return (Number(/^Anonymous:\s+(\d+)/m.exec(r)![1]) / 1000).toFixed(0); };
const store = await MetricStore.open(process.argv[2]!, { migrations: ENGINE_MIGRATIONS });
if (process.env.CACHE) store.connection.pragma(`cache_size = ${process.env.CACHE}`);
const now = Date.now(); const DAY = 86_400_000;
const TEN = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`), 'mem.percent'];
console.log('start anon', anon(), 'heap', (process.memoryUsage().heapTotal / 1e6).toFixed(0));
for (const days of [365, 7, 30, 365, 7, 30]) { store.history({ series: TEN, from: now - days * DAY, to: now, maxPoints: 2000 }); console.log(days, 'anon', anon(), 'heap', (process.memoryUsage().heapTotal / 1e6).toFixed(0)); }
store.connection.pragma('shrink_memory');
console.log('after shrink_memory anon', anon());
const big: Buffer[] = []; for (let i = 0; i < 5; i++) for (const days of [365, 7, 30]) store.history({ series: TEN, from: now - days * DAY, to: now, maxPoints: 2000 });
console.log('again x5 anon', anon());
store.close();
console.log('closed anon', anon());
