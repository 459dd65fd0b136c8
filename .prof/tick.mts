// Profiles one tick's stages in-process: collect, cap+encode+buffer (store.append), windows+alerts (sample stream), emit (event bus + one SSE-style serialisation).
import { Engine } from '../src/main/engine/engine.js';
import { DEFAULT_SETTINGS } from '../src/shared/settings.js';
import { silentLogger } from '../src/main/engine/log/logger.js';
import { resolveDataPaths } from '../src/main/engine/paths.js';
import { createCollectors } from '../src/main/engine/collect/create-collectors.js';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
const dir = mkdtempSync('/tmp/tick-');
const engine: any = await Engine.open({ paths: resolveDataPaths({ db: join(dir, 'd.db') }), settings: DEFAULT_SETTINGS, log: silentLogger() });
const { hot } = createCollectors();
const services = engine.built.find((b: any) => b.module.name === 'sampling').instance.services;
const sampling = engine.built.find((b: any) => b.module.name === 'sampling').instance;
let json = 0;
engine.on('sample', (s: unknown) => { json += JSON.stringify(s).length; });
const t = { collect: 0, cap: 0, append: 0, stream: 0, emit: 0 };
const read = async (mono: number) => { const r = await Promise.allSettled(hot.map((c) => c.collect(mono))); const v: Record<string, number> = {}; for (const x of r) if (x.status === 'fulfilled') Object.assign(v, x.value); return v; };
await read(performance.now());
const N = Number(process.argv[2] ?? 300);
for (let i = 0; i < N; i++) {
  await new Promise((r) => setTimeout(r, 5));
  let a = performance.now();
  const values = await read(performance.now());
  let b = performance.now(); t.collect += b - a;
  const ts = Date.now();
  a = performance.now();
  const kept = sampling.cap ? sampling.cap.apply(values, ts) : values;
  b = performance.now(); t.cap += b - a;
  const sample = { ts, values: kept };
  a = performance.now(); services.store.append(sample); b = performance.now(); t.append += b - a;
  a = performance.now(); services.samples.publish(sample); b = performance.now(); t.stream += b - a;
  a = performance.now(); services.events.emit('sample', sample); b = performance.now(); t.emit += b - a;
  if (i % 10 === 9) services.store.flush();
}
console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / N * 1000).toFixed(0) + ' µs'])), 'sample json bytes', json / N);
await engine.stop();
