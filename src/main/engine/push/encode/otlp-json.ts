/**
 * OTLP/HTTP metrics in the JSON encoding for `kind: 'otlp'` targets (POST /v1/metrics), following
 * the proto3 JSON mapping: lowerCamelCase field names, int64 fields as decimal strings, enums and
 * defaults omitted.
 *
 * One resource (host.name, os.type, service.name `dashlight`, service.version), one scope, and one
 * gauge metric per Dashlight metric, named `dashlight.<metric>` (`dashlight.cpu.total`), with
 * every series and timestamp of the batch as its data points. A per-entity series carries its
 * entity as an attribute named like the Influx tag (`interface`, `mount`, see entity-tag.ts).
 */
import type { PushTarget } from '../../../../shared/push-settings.js';
import type { Sample } from '../../../../shared/sample.js';
import { metricInfo, parseSeriesKey, type Unit } from '../../../../shared/metrics.js';
import { VERSION } from '../../version.js';
import {
  compareText,
  epochMs,
  inTimeOrder,
  sortedSeriesKeys,
  writable,
  type BatchMeta,
  type EncodedBatch,
} from './batch.js';
import { entityTagName } from './entity-tag.js';

export const OTLP_CONTENT_TYPE = 'application/json';

/** Prefix of every metric name, so Dashlight's metrics group together in a shared backend. */
export const OTLP_METRIC_PREFIX = 'dashlight.';

/** UCUM units, as the OpenTelemetry semantic conventions spell them. */
const UCUM: Readonly<Record<Unit, string>> = {
  percent: '%',
  bytes: 'By',
  bytes_per_second: 'By/s',
  celsius: 'Cel',
  seconds: 's',
  load: '1',
  boolean: '1',
  watts: 'W',
  watt_hours: 'W.h',
  hertz: 'Hz',
  rpm: '{rotation}/min',
  count: '1',
};

/** A KeyValue with a string AnyValue. */
function stringAttribute(key: string, value: string): string {
  return `{"key":${JSON.stringify(key)},"value":{"stringValue":${JSON.stringify(value)}}}`;
}

/**
 * Nanoseconds since the epoch as the decimal string proto3 JSON requires for int64; computed
 * with BigInt because ms × 10^6 is far beyond 2^53.
 *
 * @example
 * unixNanoString(1700000000123) // '1700000000123000000'
 */
export function unixNanoString(ms: number): string {
  return (BigInt(epochMs(ms)) * 1_000_000n).toString();
}

/** One metric of the batch: its series (entity-less first, then by entity) and their point prefixes. */
interface MetricSeries {
  readonly metric: string;
  readonly series: { readonly key: string; readonly entity: string | undefined; readonly head: string }[];
}

function groupByMetric(keys: readonly string[]): MetricSeries[] {
  const byMetric = new Map<string, MetricSeries>();
  for (const key of keys) {
    const { metric, entity } = parseSeriesKey(key);
    let group = byMetric.get(metric);
    if (!group) byMetric.set(metric, (group = { metric, series: [] }));
    // The text of a point up to its time is the same for every point of the series: build it once.
    const head = entity === undefined ? '{' : `{"attributes":[${stringAttribute(entityTagName(metric), entity)}],`;
    group.series.push({ key, entity, head });
  }
  // The machine-wide series (no entity) sorts first: '' is below any '\u0001'-prefixed entity.
  const rank = (entity: string | undefined) => (entity === undefined ? '' : `\u0001${entity}`);
  const groups = [...byMetric.values()].sort((a, b) => compareText(a.metric, b.metric));
  for (const g of groups) g.series.sort((a, b) => compareText(rank(a.entity), rank(b.entity)));
  return groups;
}

/**
 * Encodes a batch as an OTLP ExportMetricsServiceRequest in JSON. Metrics come sorted by name and
 * their data points by (attributes, time); values that are not finite are skipped, and a metric
 * left with no points is omitted.
 *
 * @example
 * encodeOtlpJson([{ ts: 1700000000000, values: { 'fs.used_pct[/]': 40 } }], meta, target).body.toString();
 * // {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"desk"}},…]},
 * //  "scopeMetrics":[{"scope":{"name":"dashlight","version":"0.1.0"},"metrics":[{"name":"dashlight.fs.used_pct",
 * //  "unit":"%","description":"Filesystem used","gauge":{"dataPoints":[{"attributes":[{"key":"mount",
 * //  "value":{"stringValue":"/"}}],"timeUnixNano":"1700000000000000000","asDouble":40}]}}]}]}]}
 */
export function encodeOtlpJson(samples: readonly Sample[], meta: BatchMeta, _target?: PushTarget): EncodedBatch {
  const ordered = inTimeOrder(samples);
  const times = ordered.map((s) => `"timeUnixNano":"${unixNanoString(s.ts)}","asDouble":`);
  const parts: string[] = [];
  let points = 0;

  for (const group of groupByMetric(sortedSeriesKeys(ordered))) {
    const dataPoints: string[] = [];
    for (const series of group.series) {
      for (let i = 0; i < ordered.length; i++) {
        const value = writable(ordered[i]!.values, series.key);
        if (value !== undefined) dataPoints.push(`${series.head}${times[i]!}${value}}`);
      }
    }
    if (dataPoints.length === 0) continue;
    points += dataPoints.length;
    const info = metricInfo(group.metric);
    // Unit and description are optional in OTLP: an uncatalogued metric simply has neither.
    const described = info
      ? `,"unit":${JSON.stringify(UCUM[info.unit])},"description":${JSON.stringify(info.label)}`
      : '';
    parts.push(
      `{"name":${JSON.stringify(OTLP_METRIC_PREFIX + group.metric)}${described},"gauge":{"dataPoints":[${dataPoints.join(',')}]}}`,
    );
  }

  const resource = [
    stringAttribute('host.name', meta.host),
    stringAttribute('os.type', meta.osType),
    stringAttribute('service.name', 'dashlight'),
    stringAttribute('service.version', VERSION),
  ].join(',');
  const scope = `{"name":"dashlight","version":${JSON.stringify(VERSION)}}`;
  const text =
    `{"resourceMetrics":[{"resource":{"attributes":[${resource}]},` +
    `"scopeMetrics":[{"scope":${scope},"metrics":[${parts.join(',')}]}]}]}`;
  return { body: Buffer.from(text, 'utf8'), contentType: OTLP_CONTENT_TYPE, points };
}
