/**
 * A real, private Prometheus (Debian `prometheus`, tested with 2.42) on 127.0.0.1 that scrapes the
 * given targets every second, for the scrape tests. Each instance has its own port, config and
 * TSDB in a temp dir. Prometheus asks for OpenMetrics first, so a scrape that succeeds is also a
 * parse of Dashlight's OpenMetrics by Prometheus' own parser.
 *
 * Queries are instant queries at the server's own time (no `time` parameter): Prometheus is a Go
 * program, which libfaketime cannot move, so our clock and its may be a year apart
 * (scripts/test-under-stress.sh); nothing here passes our time to it.
 *
 * @example
 * const prom = await startPrometheus([{ job: 'dashlight', target: '127.0.0.1:9437', token: 's3cret…' }]);
 * await prom.query('up'); // [{ metric: { job: 'dashlight', … }, value: [1767268800, '1'] }]
 * await prom.stop();
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../push/test-support/free-port.js';
import { isPortClash, makeTempDir, removeNow, spawnManaged } from '../../push/test-support/managed-process.js';
import { requireBinary } from '../../push/test-support/system-binary.js';

export interface ScrapeJob {
  readonly job: string;
  /** host:port */
  readonly target: string;
  /** Sent as `Authorization: Bearer …`, when given. */
  readonly token?: string;
}

/** One series of an instant query's answer: a vector sample or a matrix of raw samples. */
export interface QuerySeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly value?: readonly [number, string];
  readonly values?: readonly (readonly [number, string])[];
}

export interface ScrapeTarget {
  readonly labels: Readonly<Record<string, string>>;
  readonly health: string;
  readonly lastError: string;
}

export interface Prometheus {
  readonly url: string;
  /** An instant query at the server's own time. */
  query(promql: string): Promise<QuerySeries[]>;
  /** Every active target with its health and last scrape error. */
  targets(): Promise<ScrapeTarget[]>;
  stop(): Promise<void>;
}

export function scrapeConfig(jobs: readonly ScrapeJob[]): string {
  const lines = ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', 'scrape_configs:'];
  for (const { job, target, token } of jobs) {
    lines.push(`  - job_name: ${JSON.stringify(job)}`);
    if (token !== undefined) lines.push('    authorization:', `      credentials: ${JSON.stringify(token)}`);
    lines.push('    static_configs:', `      - targets: [${JSON.stringify(target)}]`);
  }
  return `${lines.join('\n')}\n`;
}

export async function startPrometheus(jobs: readonly ScrapeJob[]): Promise<Prometheus> {
  const binary = requireBinary('prometheus');
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, jobs);
    } catch (error) {
      if (attempt >= 3 || !isPortClash(error)) throw error;
    }
  }
}

async function startOnce(binary: string, jobs: readonly ScrapeJob[]): Promise<Prometheus> {
  const dir = await makeTempDir('dashlight-prometheus-');
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, scrapeConfig(jobs));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnManaged(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=error',
    ],
    'Prometheus',
  );
  const stop = async (): Promise<void> => {
    await server.stop();
    removeNow(dir);
  };
  try {
    await server.waitUntilReady(async () => (await fetch(`${url}/-/ready`)).ok, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? response.status}`);
    return body.data;
  };
  return {
    url,
    query: async (promql) =>
      (await api<{ result: QuerySeries[] }>(`/api/v1/query?query=${encodeURIComponent(promql)}`)).result,
    targets: async () => (await api<{ activeTargets: ScrapeTarget[] }>('/api/v1/targets?state=active')).activeTargets,
    stop,
  };
}
