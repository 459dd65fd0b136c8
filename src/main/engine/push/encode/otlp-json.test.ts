import { describe, expect, it } from 'vitest';
import { VERSION } from '../../version.js';
import { encodeOtlpJson, unixNanoString } from './otlp-json.js';
import { META, T0, reorderValues, smallBatch, testTarget } from './test-support.js';

const target = testTarget('otlp');

/** A field of an OTLP message in the proto3 JSON mapping. */
type Field = 'string' | 'double' | 'int64' | { readonly message: string } | { readonly repeated: string };

/**
 * The messages an ExportMetricsServiceRequest with gauges uses, by their proto3 JSON field names
 * (opentelemetry-proto: collector/metrics/v1, metrics/v1, resource/v1, common/v1).
 */
const PROTO: Readonly<Record<string, Readonly<Record<string, Field>>>> = {
  ExportMetricsServiceRequest: { resourceMetrics: { repeated: 'ResourceMetrics' } },
  ResourceMetrics: {
    resource: { message: 'Resource' },
    scopeMetrics: { repeated: 'ScopeMetrics' },
    schemaUrl: 'string',
  },
  Resource: { attributes: { repeated: 'KeyValue' } },
  KeyValue: { key: 'string', value: { message: 'AnyValue' } },
  AnyValue: { stringValue: 'string' },
  ScopeMetrics: { scope: { message: 'InstrumentationScope' }, metrics: { repeated: 'Metric' } },
  InstrumentationScope: { name: 'string', version: 'string' },
  Metric: { name: 'string', description: 'string', unit: 'string', gauge: { message: 'Gauge' } },
  Gauge: { dataPoints: { repeated: 'NumberDataPoint' } },
  NumberDataPoint: {
    attributes: { repeated: 'KeyValue' },
    timeUnixNano: 'int64',
    startTimeUnixNano: 'int64',
    asDouble: 'double',
  },
};

/** Checks every key and value type under `value` against PROTO; returns the problems found. */
function protoProblems(value: unknown, message: string, path = '$'): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not a ${message}`];
  const fields = PROTO[message]!;
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const field = fields[key];
    const at = `${path}.${key}`;
    if (field === undefined) problems.push(`${at}: ${message} has no field "${key}"`);
    else if (field === 'string') {
      if (typeof child !== 'string') problems.push(`${at}: not a string`);
    } else if (field === 'double') {
      if (typeof child !== 'number') problems.push(`${at}: not a number`);
    } else if (field === 'int64') {
      if (typeof child !== 'string' || !/^\d+$/.test(child)) problems.push(`${at}: not an int64 decimal string`);
    } else if ('message' in field) problems.push(...protoProblems(child, field.message, at));
    else if (!Array.isArray(child)) problems.push(`${at}: not an array`);
    else child.forEach((item, i) => problems.push(...protoProblems(item, field.repeated, `${at}[${i}]`)));
  }
  return problems;
}

interface Point {
  attributes?: { key: string; value: { stringValue: string } }[];
  timeUnixNano: string;
  asDouble: number;
}
interface Metric {
  name: string;
  unit?: string;
  description?: string;
  gauge: { dataPoints: Point[] };
}

function decode(body: Buffer) {
  const request = JSON.parse(body.toString('utf8'));
  const [resourceMetrics] = request.resourceMetrics;
  const attributes = Object.fromEntries(
    resourceMetrics.resource.attributes.map((a: { key: string; value: { stringValue: string } }) => [
      a.key,
      a.value.stringValue,
    ]),
  );
  const [scopeMetrics] = resourceMetrics.scopeMetrics;
  return { request, attributes, scope: scopeMetrics.scope, metrics: scopeMetrics.metrics as Metric[] };
}

describe('encodeOtlpJson', () => {
  it('uses only OTLP proto3 JSON field names, with int64 as strings', () => {
    const encoded = encodeOtlpJson(smallBatch(), META, target);
    expect(encoded.contentType).toBe('application/json');
    expect(protoProblems(JSON.parse(encoded.body.toString()), 'ExportMetricsServiceRequest')).toEqual([]);
  });

  it('describes the resource and the scope', () => {
    const { attributes, scope } = decode(encodeOtlpJson(smallBatch(), META, target).body);
    expect(attributes).toEqual({
      'host.name': 'desk',
      'os.type': 'linux',
      'service.name': 'dashlight',
      'service.version': VERSION,
    });
    expect(scope).toEqual({ name: 'dashlight', version: VERSION });
  });

  it('writes one gauge per metric, sorted by name, with units and labels from the catalogue', () => {
    const { metrics } = decode(encodeOtlpJson(smallBatch(), META, target).body);
    expect(metrics.map((m) => [m.name, m.unit, m.description])).toEqual([
      ['dashlight.cpu.core', '%', 'CPU core busy'],
      ['dashlight.cpu.total', '%', 'CPU busy'],
      ['dashlight.cpu.user', '%', 'CPU user'],
      ['dashlight.disk.read', 'By/s', 'Disk read'],
      ['dashlight.fs.used', 'By', 'Filesystem used'],
      ['dashlight.fs.used_pct', '%', 'Filesystem used'],
      ['dashlight.gpu.util', '%', 'GPU utilisation'],
      ['dashlight.net.rx', 'By/s', 'Network in'],
      ['dashlight.net.tx', 'By/s', 'Network out'],
    ]);
  });

  it('orders data points by (attributes, time) with exact nanosecond strings', () => {
    const { metrics } = decode(encodeOtlpJson(smallBatch(), META, target).body);
    const rx = metrics.find((m) => m.name === 'dashlight.net.rx')!.gauge.dataPoints;
    expect(rx).toEqual([
      { timeUnixNano: `${T0}000000`, asDouble: 2048 },
      {
        attributes: [{ key: 'interface', value: { stringValue: 'eth0' } }],
        timeUnixNano: `${T0}000000`,
        asDouble: 2048,
      },
      {
        attributes: [{ key: 'interface', value: { stringValue: 'eth0' } }],
        timeUnixNano: `${T0 + 1000}000000`,
        asDouble: 100,
      },
    ]);
    const mount = metrics.find((m) => m.name === 'dashlight.fs.used_pct')!.gauge.dataPoints;
    expect(mount).toEqual([
      {
        attributes: [{ key: 'mount', value: { stringValue: '/mnt/my disk,x=y' } }],
        timeUnixNano: '1700000000123000000',
        asDouble: 40.5,
      },
    ]);
    // Exactly ts × 10^6; the float64 product is 1700000000123000064, which BigInt(ts * 1e6) would send.
    expect(BigInt(mount[0]!.timeUnixNano)).toBe(BigInt(T0) * 1_000_000n);
    expect(BigInt(T0 * 1e6)).not.toBe(BigInt(mount[0]!.timeUnixNano));
  });

  it('skips non-finite values and counts the points written', () => {
    const encoded = encodeOtlpJson(smallBatch(), META, target);
    const { metrics } = decode(encoded.body);
    expect(metrics.find((m) => m.name === 'dashlight.cpu.user')!.gauge.dataPoints).toHaveLength(1);
    expect(metrics.reduce((n, m) => n + m.gauge.dataPoints.length, 0)).toBe(13);
    expect(encoded.points).toBe(13);
  });

  it('is byte-identical for the same batch, whatever the key insertion order', () => {
    const a = encodeOtlpJson(smallBatch(), META, target).body;
    expect(encodeOtlpJson(smallBatch(), META, target).body.equals(a)).toBe(true);
    expect(encodeOtlpJson(reorderValues(smallBatch()), META, target).body.equals(a)).toBe(true);
  });

  it('omits unit and description of an uncatalogued metric and keeps the request valid when empty', () => {
    const { metrics } = decode(encodeOtlpJson([{ ts: T0, values: { 'npu.util[0]': 7 } }], META, target).body);
    expect(metrics).toEqual([
      {
        name: 'dashlight.npu.util',
        gauge: {
          dataPoints: [
            { attributes: [{ key: 'entity', value: { stringValue: '0' } }], timeUnixNano: `${T0}000000`, asDouble: 7 },
          ],
        },
      },
    ]);
    const empty = encodeOtlpJson([], META, target);
    expect(empty.points).toBe(0);
    expect(decode(empty.body).metrics).toEqual([]);
  });
});

describe('unixNanoString', () => {
  it('multiplies without float loss, also before 1970', () => {
    expect(unixNanoString(1_700_000_000_123)).toBe('1700000000123000000');
    expect(unixNanoString(0)).toBe('0');
    expect(unixNanoString(-1)).toBe('-1000000');
  });
});
