import { createCollectors } from '../src/main/engine/collect/create-collectors.js';
const { hot } = createCollectors();
for (const c of hot) await c.collect(performance.now());
const N = 400;
const per: Record<string, { wall: number; cpu: number }> = {};
for (let i = 0; i < N; i++) {
  await new Promise((r) => setTimeout(r, 2));
  for (const c of hot) {
    const u = process.cpuUsage(); const a = performance.now();
    await c.collect(performance.now());
    const w = performance.now() - a; const d = process.cpuUsage(u);
    const p = (per[c.name] ??= { wall: 0, cpu: 0 }); p.wall += w; p.cpu += (d.user + d.system) / 1000;
  }
}
for (const [k, v] of Object.entries(per)) console.log(k.padEnd(10), 'wall', (v.wall / N * 1000).toFixed(0), 'µs', 'cpu', (v.cpu / N * 1000).toFixed(0), 'µs');
