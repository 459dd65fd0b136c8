/**
 * A real, private VictoriaMetrics (Debian `victoria-metrics`, tested with 1.79) on 127.0.0.1, for
 * push integration tests and the backlog benchmark. Each instance has its own port and temp dir.
 *
 * Flags, and why:
 * - `-retentionPeriod 100y`: VictoriaMetrics drops samples older than the retention at ingestion;
 *   we push 7 days of history (and tests may push older), so the retention must not bite.
 * - `-dedup.minScrapeInterval 1ms`: keeps one sample per series per millisecond. Verified on 1.79:
 *   without it, a re-sent identical line is stored and exported twice; with it, export and queries
 *   return it once (also across separate requests and before any merge), while samples 1 ms apart
 *   both stay. So after a re-send "every sample arrives exactly once" is checkable by counting.
 * - `-search.latencyOffset 0s`, `-search.disableCache`: fresh and back-filled points are visible to
 *   queries at once, not after 30 s or from a stale cache.
 * - `-loggerLevel ERROR`: quiet; errors (e.g. unparseable lines, which VM skips while still
 *   answering 204) are kept in `output()` of the process for failure messages.
 *
 * Ingested rows become searchable about a second later; `flush()` (`/internal/force_flush`) makes
 * them searchable now, and `countSamples` / `exportLines` call it first.
 *
 * @example
 * const vm = await startVictoriaMetrics();
 * await fetch(`${vm.writeUrl}?db=dashlight&precision=ms`, { method: 'POST', body: `dashlight,host=a cpu=1 ${Date.now()}` });
 * await vm.countSamples('dashlight_cpu', { host: 'a' }); // 1 (VM adds a `db` label from ?db=)
 * await vm.stop();
 */
import { freePort } from './free-port.js';
import { isPortClash, makeTempDir, removeNow, spawnManaged } from './managed-process.js';
import { requireBinary } from './system-binary.js';

export interface VictoriaMetrics {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The InfluxDB v1 line-protocol endpoint, `${url}/write` (add `?db=…&precision=ms`). */
  readonly writeUrl: string;
  readonly dataDir: string;
  readonly pid: number | undefined;
  /** Samples stored for one metric (all series matching `labels`), counted after dedup. */
  countSamples(metricName: string, labels?: Readonly<Record<string, string>>): Promise<number>;
  /** `/api/v1/export` JSON lines (one per series) for a series selector, over all time. */
  exportLines(match: string): Promise<string[]>;
  /** Makes everything ingested so far searchable. */
  flush(): Promise<void>;
  /**
   * The server's own time (its `Date` header, to the second). Points "7 days old" are old by its
   * clock, which may not be ours: a Go program reads the time from the kernel, where libfaketime
   * (scripts/test-under-stress.sh) cannot move it.
   */
  serverTime(): Promise<number>;
  /** Stops the process and deletes its data. Idempotent. */
  stop(): Promise<void>;
}

export interface VictoriaMetricsOptions {
  /** Defaults to the `victoria-metrics` found on PATH or in /usr/bin. */
  readonly binary?: string;
  readonly startTimeoutMs?: number;
  readonly extraArgs?: readonly string[];
}

const label = (value: string): string => JSON.stringify(value);

/** `{__name__="m",host="a"}`: works for any metric name, unlike the bare `m{…}` form. */
export function seriesSelector(metricName: string, labels: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.entries({ __name__: metricName, ...labels }).map(([k, v]) => `${k}=${label(v)}`);
  return `{${pairs.join(',')}}`;
}

async function expectOk(response: Response, what: string): Promise<string> {
  const text = await response.text();
  if (!response.ok) throw new Error(`VictoriaMetrics ${what}: ${response.status} ${text.slice(0, 500)}`);
  return text;
}

export async function startVictoriaMetrics(options: VictoriaMetricsOptions = {}): Promise<VictoriaMetrics> {
  const binary = requireBinary('victoria-metrics', options.binary);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, options);
    } catch (error) {
      if (attempt >= 3 || !isPortClash(error)) throw error;
    }
  }
}

async function startOnce(binary: string, options: VictoriaMetricsOptions): Promise<VictoriaMetrics> {
  const dataDir = await makeTempDir('dashlight-vm-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    `-storageDataPath=${dataDir}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    '-retentionPeriod=100y',
    '-dedup.minScrapeInterval=1ms',
    '-search.latencyOffset=0s',
    '-search.disableCache',
    '-loggerLevel=ERROR',
    ...(options.extraArgs ?? []),
  ];
  const server = spawnManaged(binary, args, 'VictoriaMetrics');
  const stop = async (): Promise<void> => {
    await server.stop();
    removeNow(dataDir);
  };
  try {
    await server.waitUntilReady(async () => {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      return response.ok && (await response.text()).trim() === 'OK';
    }, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }

  const flush = async (): Promise<void> => {
    await expectOk(await fetch(`${url}/internal/force_flush`), 'force_flush');
  };
  const exportLines = async (match: string): Promise<string[]> => {
    await flush();
    // Export defaults to [0, now]: a sample stamped in the future would be missed, hence `end`.
    const form = new URLSearchParams({
      'match[]': match,
      start: '0',
      end: String(Math.floor(Date.now() / 1000) + 400 * 86_400),
    });
    const text = await expectOk(await fetch(`${url}/api/v1/export`, { method: 'POST', body: form }), 'export');
    return text.split('\n').filter((line) => line.trim() !== '');
  };
  return {
    url,
    writeUrl: `${url}/write`,
    dataDir,
    pid: server.pid,
    flush,
    exportLines,
    async serverTime() {
      const response = await fetch(`${url}/health`);
      await response.arrayBuffer();
      const date = response.headers.get('date');
      if (date === null) throw new Error('VictoriaMetrics sent no Date header');
      return Date.parse(date);
    },
    async countSamples(metricName, labels) {
      // Export returns raw samples (deduplicated with the flag above), so this is an exact count;
      // PromQL's count_over_time would depend on the range and lookback windows instead.
      const lines = await exportLines(seriesSelector(metricName, labels));
      return lines.reduce((sum, line) => sum + (JSON.parse(line) as { timestamps: number[] }).timestamps.length, 0);
    },
    stop,
  };
}
