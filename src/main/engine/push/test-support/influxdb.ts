/**
 * A real, private InfluxDB 1.x (Debian `influxdb`, tested with 1.6.7) on 127.0.0.1, started from a
 * generated config in a temp dir. Every listener is on 127.0.0.1 and a free port: the HTTP API,
 * and the RPC/backup service (top-level `bind-address`, default :8088, which would clash between
 * parallel tests and with a system influxd). Usage reporting, self-monitoring writes, continuous
 * queries, subscriptions, retention enforcement and request logging are off: nothing but the
 * test's own traffic, and nothing leaves the machine.
 *
 * A new database gets the `autogen` retention policy with duration 0 (infinite), so points 7 days
 * old (or years old) are accepted. Points are identified by measurement + tag set + timestamp: a
 * re-sent identical line overwrites itself, so re-sends never raise `count`.
 *
 * @example
 * const influx = await startInfluxDB();
 * await influx.createDatabase('dashlight');
 * await fetch(`${influx.url}/write?db=dashlight&precision=ms`, { method: 'POST', body: `dashlight,host=a cpu=1 ${Date.now()}` });
 * await influx.count('dashlight', 'dashlight', 'cpu'); // 1
 * await influx.stop();
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePorts } from './free-port.js';
import { isPortClash, makeTempDir, removeNow, spawnManaged } from './managed-process.js';
import { requireBinary } from './system-binary.js';

export interface InfluxDB {
  /** Base URL, e.g. `http://127.0.0.1:40123`; writes go to `${url}/write?db=…`. */
  readonly url: string;
  readonly dataDir: string;
  readonly pid: number | undefined;
  createDatabase(db: string): Promise<void>;
  /** Non-null values of `field` in `measurement`, over all series and all time. */
  count(db: string, measurement: string, field: string): Promise<number>;
  /** Runs InfluxQL; resolves to the parsed JSON (timestamps as epoch ms), throws on any error. */
  query(db: string, q: string): Promise<unknown>;
  /** Stops the process and deletes its data. Idempotent. */
  stop(): Promise<void>;
}

export interface InfluxDBOptions {
  /** Defaults to the `influxd` found on PATH or in /usr/bin. */
  readonly binary?: string;
  readonly startTimeoutMs?: number;
}

/** InfluxQL identifier quoting: `"a \"b\""`. */
export const quoteIdent = (name: string): string => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function config(dir: string, httpPort: number, rpcPort: number): string {
  const path = (name: string): string => JSON.stringify(join(dir, name));
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = ${path('meta')}
[data]
  dir = ${path('data')}
  wal-dir = ${path('wal')}
  query-log-enabled = false
[retention]
  enabled = false
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
[subscriber]
  enabled = false
[continuous_queries]
  enabled = false
[logging]
  level = "error"
  suppress-logo = true
`;
}

interface QueryResponse {
  error?: string;
  results?: { error?: string; series?: { values?: unknown[][] }[] }[];
}

export async function startInfluxDB(options: InfluxDBOptions = {}): Promise<InfluxDB> {
  const binary = requireBinary('influxd', options.binary);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, options);
    } catch (error) {
      if (attempt >= 3 || !isPortClash(error)) throw error;
    }
  }
}

async function startOnce(binary: string, options: InfluxDBOptions): Promise<InfluxDB> {
  const dataDir = await makeTempDir('dashlight-influxd-');
  const [httpPort = 0, rpcPort = 0] = await freePorts(2);
  const file = join(dataDir, 'influxd.conf');
  await writeFile(file, config(dataDir, httpPort, rpcPort));
  const url = `http://127.0.0.1:${httpPort}`;
  const server = spawnManaged(binary, ['-config', file], 'influxd');
  const stop = async (): Promise<void> => {
    await server.stop();
    removeNow(dataDir);
  };
  try {
    await server.waitUntilReady(async () => {
      const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return response.status === 204;
    }, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }

  const query = async (db: string, q: string): Promise<QueryResponse> => {
    // POST: InfluxDB 1.x refuses CREATE/DROP over GET, and long queries fit no URL.
    const body = new URLSearchParams({ db, q, epoch: 'ms' });
    const response = await fetch(`${url}/query`, { method: 'POST', body });
    const text = await response.text();
    const json = (text === '' ? {} : JSON.parse(text)) as QueryResponse;
    const error = json.error ?? json.results?.find((r) => r.error !== undefined)?.error;
    if (!response.ok || error !== undefined) {
      throw new Error(`influxd query ${JSON.stringify(q)} failed: ${response.status} ${error ?? text.slice(0, 500)}`);
    }
    return json;
  };
  return {
    url,
    dataDir,
    pid: server.pid,
    query,
    async createDatabase(db) {
      await query(db, `CREATE DATABASE ${quoteIdent(db)}`);
    },
    async count(db, measurement, field) {
      // Without GROUP BY, count() aggregates every series of the measurement into one row over
      // all time; summing all rows of all series also stays right if someone adds GROUP BY *.
      // No series at all (nothing written) is a count of 0, not an error.
      const json = await query(db, `SELECT count(${quoteIdent(field)}) FROM ${quoteIdent(measurement)}`);
      let total = 0;
      for (const series of json.results?.[0]?.series ?? []) {
        for (const row of series.values ?? []) total += Number(row[1] ?? 0);
      }
      return total;
    },
    stop,
  };
}
