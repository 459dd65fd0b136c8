import Database from 'better-sqlite3';
const db = new Database('/tmp/scale-prof.db', { readonly: true });
const end = Date.UTC(2026, 0, 10);
const stmt = db.prepare('SELECT ts, layout, data FROM samples WHERE ts >= ? AND ts <= ? ORDER BY ts LIMIT ?').raw();
const stmt2 = db.prepare('SELECT ts, layout, data FROM rollup_10s WHERE ts >= ? AND ts <= ? ORDER BY ts LIMIT ?').raw();
for (const [name, st, span] of [['raw 1h', stmt, 3600e3], ['10s 12h', stmt2, 12 * 3600e3]] as const) {
  for (const cache of [2000, 16000]) {
    db.pragma(`cache_size = -${cache}`);
    const t: number[] = [];
    for (let i = 0; i < 50; i++) { const s = performance.now(); const rows = st.all(end - span, end, 5000); t.push(performance.now() - s); }
    t.sort((a, b) => a - b);
    console.log(name, 'cache', cache, 'median', t[25]!.toFixed(2));
  }
}
