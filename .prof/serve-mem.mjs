// In-process `dashlight run --serve` (the built bundle) with memory reports, driven by the bench's tour.
import { main } from '../out/main/cli.js';
import { readFileSync } from 'node:fs';
import { tour } from './serve-tour.mjs';
const db = process.argv[2];
let url = null;
const io = { out: () => {}, err: (line) => { const m = /dashboard: (http\S+)/.exec(line); if (m) url = m[1]; }, env: { ...process.env }, now: () => Date.now(), isTTY: false };
const mappings = () => { const t = readFileSync('/proc/self/smaps', 'utf8'); const out = { heap: 0, anonMaps: 0, big: [] }; let cur = null; for (const line of t.split('\n')) { const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line); if (m) { cur = { name: m[3] || '(anon)', size: (parseInt(m[2], 16) - parseInt(m[1], 16)) / 1024 }; continue; } const a = /^Anonymous:\s+(\d+)/.exec(line); if (a && cur) { const kb = Number(a[1]); if (cur.name === '[heap]') out.heap += kb; else if (cur.name === '(anon)') { out.anonMaps += kb; if (kb > 4000) out.big.push(`${(kb / 1000).toFixed(0)}/${(cur.size / 1000).toFixed(0)}MB`); } } } return `brk-heap ${(out.heap / 1000).toFixed(0)} anon-maps ${(out.anonMaps / 1000).toFixed(0)} big[${out.big.join(' ')}]`; };
const mem = (label) => { console.log('   ', mappings()); const m = process.memoryUsage(); const f = (b) => (b / 1e6).toFixed(0); const r = readFileSync('/proc/self/smaps_rollup', 'utf8'); const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(r)?.[1] ?? 0) / 1000; console.log(label.padEnd(14), 'anon', kb('Anonymous').toFixed(0), 'file', (kb('Rss') - kb('Anonymous')).toFixed(0), 'rss', f(m.rss), 'heapTotal', f(m.heapTotal), 'heapUsed', f(m.heapUsed), 'external', f(m.external), 'arrayBuffers', f(m.arrayBuffers)); };
const running = main(['run', '--serve', '--port', '0', '--db', db, '--interval', '1s', '--quiet'], io);
while (!url) await new Promise((r) => setTimeout(r, 200));
await new Promise((r) => setTimeout(r, 20000));
mem('idle');
const u = new URL(url); const token = u.searchParams.get('token');
let peak = 0; const poll = setInterval(() => { if (process.env.GCEVERY && globalThis.gc) globalThis.gc(); peak = Math.max(peak, process.memoryUsage().rss); }, Number(process.env.GCEVERY ?? 100));
const only = process.env.ONLY?.split(',');
for (const { method, input } of tour(Date.now()).filter((r) => !only || only.includes(r.method))) {
  const r = await fetch(`${u.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: input === undefined ? '' : JSON.stringify(input) });
  await r.json();
}
clearInterval(poll);
mem('after tour'); console.log('peak rss', (peak / 1e6).toFixed(0));
for (const s of (process.env.QUICK ? [10] : [10, 30, 60])) { await new Promise((r) => setTimeout(r, (s === 10 ? 10 : 20) * 1000)); mem(`after +${s}s`); }
if (globalThis.gc) { globalThis.gc(); await new Promise((r) => setTimeout(r, 2000)); mem('after gc'); }
process.kill(process.pid, 'SIGINT');
await running;
