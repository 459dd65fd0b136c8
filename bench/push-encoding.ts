/**
 * Push encoding section: how long one full push batch (5,000 samples of the synthetic machine,
 * ~45 series, hot series every sample and slow ones every 60th) takes to encode for each target
 * kind, with and without gzip, and how large the bodies are. Informational: the push budget in
 * docs/ARCHITECTURE.md (7 days to a local VictoriaMetrics ≤ 30 s) is end-to-end and measured elsewhere;
 * these rows say how much of it encoding costs (7 days at 1 Hz = ~121 batches).
 *
 * Values are rounded through float32 like the store's raw tier, so the number text is as long as
 * it will be in real batches. BENCH_PUSH_RUNS sets the runs per figure (default 7; median).
 */
import { pushTargetSchema, type PushTarget } from '../src/shared/push-settings.js';
import type { Sample } from '../src/shared/sample.js';
import { rawWidth } from '../src/main/engine/store/codec.js';
import { defaultSyntheticSeries } from '../src/main/engine/store/synthetic-history.js';
import type { BatchMeta } from '../src/main/engine/push/encode/batch.js';
import { encodeBatch } from '../src/main/engine/push/encode/encode.js';
import { GZIP_LEVEL, gzipBody } from '../src/main/engine/push/encode/gzip.js';
import type { BenchResult } from './report.js';
import type { BenchContext, BenchSection } from './section.js';
import { median } from './median.js';

const BATCH_SAMPLES = 5000;
const SLOW_EVERY = 60;
const KINDS: readonly PushTarget['kind'][] = ['http-json', 'influx', 'otlp'];
/** Mid-November 2023, a fixed instant so that every run encodes the same text. */
const START_MS = 1_700_000_000_000;

export const pushEncodingSection: BenchSection = {
  name: 'push-encoding',
  title: 'encode one 5,000-sample push batch per target kind (raw and gzipped)',
  run: measurePushEncoding,
};

/** The synthetic batch: smooth waves plus a little noise, counters growing, float32 like storage. */
export function syntheticBatch(samples = BATCH_SAMPLES): Sample[] {
  const { hot, slow } = defaultSyntheticSeries();
  const all = [...hot, ...slow];
  const counter = all.map((key) => rawWidth(key) === 8);
  return Array.from({ length: samples }, (_, i) => {
    const keys = i % SLOW_EVERY === 0 ? all : hot;
    const values: Record<string, number> = {};
    for (let s = 0; s < keys.length; s++) {
      values[keys[s]!] = counter[s]
        ? 1e9 * (s + 1) + i * (5000 + 1000 * s)
        : Math.fround(40 + 25 * Math.sin(i / 600 + s) + ((i * 7919 + s * 104729) % 1000) / 100);
    }
    return { ts: START_MS + i * 1000, values };
  });
}

/** Median milliseconds of `runs` calls, after one untimed warm-up call. */
function timeMedian(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return median(times);
}

const kB = (bytes: number) => `${Math.round(bytes / 1000).toLocaleString('en-US')} kB`;

async function measurePushEncoding(ctx: BenchContext): Promise<BenchResult[]> {
  const runs = Math.max(1, Number(process.env.BENCH_PUSH_RUNS ?? 7));
  const samples = syntheticBatch();
  const meta: BatchMeta = { batchId: `bench.${START_MS}.${samples.at(-1)!.ts}`, host: 'bench-host', osType: 'linux' };
  const rows: BenchResult[] = [];
  for (const kind of KINDS) {
    ctx.log(`encoding ${samples.length} samples as ${kind}, ${runs} runs…`);
    const target = pushTargetSchema.parse({ name: 'bench', kind, url: 'http://127.0.0.1:8428/' });
    const encoded = encodeBatch(kind, samples, meta, target);
    const gzipped = gzipBody(encoded.body);
    const encodeMs = timeMedian(runs, () => encodeBatch(kind, samples, meta, target));
    const bothMs = timeMedian(runs, () => gzipBody(encodeBatch(kind, samples, meta, target).body));
    const sizes = `${kB(encoded.body.length)} raw, ${kB(gzipped.length)} gzipped (${(encoded.body.length / gzipped.length).toFixed(1)}×)`;
    rows.push(
      {
        name: `${kind}: encode`,
        value: encodeMs,
        unit: 'ms',
        note: `${samples.length.toLocaleString('en-US')} samples, ${encoded.points.toLocaleString('en-US')} values; ${sizes}; median of ${runs}`,
      },
      {
        name: `${kind}: encode + gzip`,
        value: bothMs,
        unit: 'ms',
        note: `gzip level ${GZIP_LEVEL}; median of ${runs}`,
      },
    );
  }
  return rows;
}
