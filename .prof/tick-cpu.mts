// Process CPU per tick (GC and the thread pool included) for a tick's work: collect, cap, append, stream, emit; commit every 10.
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
const sampling = engine.built.find((b: any) => b.module.name === 'sampling').instance;
const services = sampling.services;
engine.on('sample', (s: unknown) => JSON.stringify(s));
const read = async (mono: number) => { const r = await Promise.allSettled(hot.map((c) => c.collect(mono))); const v: Record<string, number> = {}; for (const x of r) if (x.status === 'fulfilled') Object.assign(v, x.value); return v; };
await read(performance.now());
const N = 1000;
const run = async (n: number) => {
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, 3));
    const values = await read(performance.now());
    const ts = Date.now();
    const sample = { ts, values: sampling.cap.apply(values, ts) };
    services.store.append(sample);
    services.samples.publish(sample);
    services.events.emit('sample', sample);
    if (i % 10 === 9) services.store.flush();
  }
};
await run(200);
const u = process.cpuUsage();
await run(N);
const d = process.cpuUsage(u);
console.log('CPU per tick', ((d.user + d.system) / N).toFixed(0), 'µs (user', (d.user / N).toFixed(0), 'sys', (d.system / N).toFixed(0), ')');
await engine.stop();
