import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
const anon = () => (Number(/^Anonymous:\s+(\d+)/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))[1]) / 1000).toFixed(0);
const db = new Database('/tmp/servemem/year-orig.db', { readonly: true });
const st = db.prepare('SELECT ts, layout, data FROM rollup_15m WHERE ts >= ? AND ts <= ? ORDER BY ts LIMIT ?').raw();
const max = db.prepare('SELECT max(ts) FROM rollup_15m').pluck().get();
console.log('start', anon());
for (let round = 0; round < 8; round++) {
  for (let i = 0; i < 20; i++) { const rows = st.all(max - 30 * 86400e3, max, 4096); if (rows.length < 100) throw new Error('few'); }
  console.log('round', round, 'anon', anon(), 'heap', (process.memoryUsage().heapTotal / 1e6).toFixed(0), 'ext', (process.memoryUsage().external / 1e6).toFixed(0));
}
