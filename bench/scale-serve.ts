/**
 * The `scale` section's serve-mode memory part: `dashlight run --serve` on the synthetic 5-year
 * history, idle, then a tour of 50 mixed requests (year-long history of 10 series, 24 h and 7 d
 * stats, two 7-day exports, lists), then 60 s of quiet. Budgets: RSS never above 2× idle during
 * the tour, and back within 1.3× idle 60 s after it.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGroup } from './process-group.js';
import { rssBytes, rssParts } from './process-usage.js';
import type { BenchResult } from './report.js';
import type { BenchContext } from './section.js';

const DAY = 86_400_000;
const MB = 1_000_000;
const PEAK_BUDGET = 2;
const SETTLED_BUDGET = 1.3;
const TEN_SERIES = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`), 'mem.percent'];

/** The 50 requests: method and input, from the time the tour starts. */
export function tour(now: number): { method: string; input: unknown }[] {
  const kinds = [
    { method: 'history', input: { series: TEN_SERIES, from: now - 365 * DAY, to: now, maxPoints: 2000 } },
    { method: 'stats', input: { from: now - DAY, to: now } },
    { method: 'stats', input: { from: now - 7 * DAY, to: now } },
    { method: 'export', input: { format: 'csv', from: now - 7 * DAY, to: now, path: 'week.csv' } },
    { method: 'history', input: { series: TEN_SERIES, from: now - 7 * DAY, to: now, maxPoints: 2000 } },
    { method: 'list', input: { page: 1, limit: 500 } },
    { method: 'history', input: { series: TEN_SERIES, from: now - 30 * DAY, to: now, maxPoints: 2000 } },
    { method: 'status', input: undefined },
    { method: 'export', input: { format: 'ndjson', from: now - 7 * DAY, to: now, path: 'week.ndjson' } },
    { method: 'latest', input: undefined },
  ];
  // Two of the ten kinds are 7-day exports, downloaded as a browser does (~270 MB of CSV, ~750 MB of
  // NDJSON, streamed as they are made): two of them in the tour, the other slots go to the next kind.
  const exports = new Set([3, 28]);
  return Array.from({ length: 50 }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    return kind.method !== 'export' || exports.has(i) ? kind : kinds[(i + 1) % kinds.length]!;
  });
}

/** Makes one request (and reads an export's download to the end); returns the bytes downloaded. */
async function call(origin: string, token: string, method: string, input: unknown): Promise<number> {
  const response = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const body = (await response.json()) as { ok?: boolean; error?: unknown; value?: { downloadUrl?: string } };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error).slice(0, 300)}`);
  // An export answers with a ticket; the export itself runs as the download is read.
  const downloadUrl = method === 'export' ? body.value?.downloadUrl : undefined;
  if (downloadUrl === undefined) return 0;
  const download = await fetch(`${origin}${downloadUrl}`, { headers: { authorization: `Bearer ${token}` } });
  if (!download.ok || !download.body) throw new Error(`export download failed: HTTP ${download.status}`);
  let bytes = 0;
  for await (const chunk of download.body) bytes += (chunk as Uint8Array).byteLength;
  return bytes;
}

/** Polls RSS every 250 ms until `done` settles; returns the peak. */
async function peakWhile(pid: number, done: Promise<unknown>): Promise<number> {
  let peak = rssBytes(pid) ?? 0;
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => {});
  while (!finished) {
    await sleep(250);
    peak = Math.max(peak, rssBytes(pid) ?? 0);
  }
  await done;
  return peak;
}

export async function serveFigures(ctx: BenchContext, dbFile: string): Promise<BenchResult[]> {
  const dir = join(ctx.tmpDir, 'serve');
  const args = [
    join(ctx.root, 'bin', 'dashlight.js'),
    'run',
    '--serve',
    '--port',
    '0',
    '--db',
    dbFile,
    '--interval',
    '1s',
  ];
  const engine = startGroup('serve', process.execPath, args, {
    cwd: ctx.tmpDir,
    env: { ...process.env, DASHLIGHT_DATA_DIR: dir },
  });
  try {
    await engine.waitFor(/dashboard: http\S+token=\S+/, 120_000);
    const url = new URL(/dashboard: (http\S+)/.exec(engine.output())![1]!);
    const token = url.searchParams.get('token')!;
    ctx.log('serve: settling 20 s, then 10 s of idle readings…');
    await sleep(20_000);
    const idleReadings: number[] = [];
    for (let i = 0; i < 10; i++) {
      idleReadings.push(rssBytes(engine.pid) ?? 0);
      await sleep(1000);
    }
    const idle = idleReadings.sort((a, b) => a - b)[5]!;
    const idleParts = rssParts(engine.pid);
    ctx.log('serve: the 50-request tour…');
    const started = performance.now();
    let downloaded = 0;
    const run = (async () => {
      for (const { method, input } of tour(Date.now())) downloaded += await call(url.origin, token, method, input);
    })();
    const peak = await peakWhile(engine.pid, run);
    const tourSeconds = (performance.now() - started) / 1000;
    ctx.log('serve: 60 s of quiet…');
    let lowest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 60; i++) {
      await sleep(1000);
      lowest = Math.min(lowest, rssBytes(engine.pid) ?? lowest);
    }
    const settled = rssBytes(engine.pid) ?? Number.NaN;
    const settledParts = rssParts(engine.pid);
    const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
    const part = (key: 'anonBytes' | 'fileBytes') =>
      `${mb(idleParts?.[key] ?? Number.NaN)} → ${mb(settledParts?.[key] ?? Number.NaN)}`;
    return [
      {
        name: 'serve RSS, idle',
        value: idle / MB,
        unit: 'MB',
        note: 'median of 10 readings 20 s after start, on the 5-year history',
      },
      {
        name: 'serve RSS, tour peak ÷ idle',
        value: peak / idle,
        unit: '×',
        budget: { op: '<=', value: PEAK_BUDGET },
        note: `${mb(peak)} peak during 50 requests (${tourSeconds.toFixed(1)} s, ${mb(downloaded)} of exports downloaded)`,
      },
      {
        name: 'serve RSS, 60 s after ÷ idle',
        value: settled / idle,
        unit: '×',
        budget: { op: '<=', value: SETTLED_BUDGET },
        note: `${mb(settled)} at 60 s (lowest ${mb(lowest)})`,
      },
      {
        // Where the difference lies: the process's own memory (which at idle varies with what the
        // start-up catch-up left resident) or pages of the node binary and libraries.
        name: 'serve RSS, 60 s after ÷ idle, own memory only',
        value: (settledParts?.anonBytes ?? Number.NaN) / (idleParts?.anonBytes ?? Number.NaN),
        unit: '×',
        note: `anonymous pages (heaps, caches) idle → 60 s after: ${part('anonBytes')}; file pages (node binary, libraries): ${part('fileBytes')}`,
      },
    ];
  } finally {
    await engine.stop(10_000);
  }
}
