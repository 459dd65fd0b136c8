import { describe, expect, it } from 'vitest';
import { pushTargetSchema, type PushTargetInput } from '../../../../shared/push-settings.js';
import { endpointFor, safeUrl } from './target-url.js';

const target = (input: Omit<PushTargetInput, 'name'>) => pushTargetSchema.parse({ name: 't', ...input });

describe('endpointFor', () => {
  it('takes an http-json URL as given', () => {
    expect(endpointFor(target({ kind: 'http-json', url: 'https://api.example/v1/metrics?x=1' })).href).toBe(
      'https://api.example/v1/metrics?x=1',
    );
  });

  it('completes influx v1 with /write, db and ms precision, keeping other parameters', () => {
    expect(endpointFor(target({ kind: 'influx', url: 'http://vm:8428' })).href).toBe(
      'http://vm:8428/write?db=dashlight&precision=ms',
    );
    expect(endpointFor(target({ kind: 'influx', url: 'http://vm:8428/', influx: { db: 'home' } })).href).toBe(
      'http://vm:8428/write?db=home&precision=ms',
    );
    expect(endpointFor(target({ kind: 'influx', url: 'http://h/influx/write?rp=week&db=old' })).href).toBe(
      'http://h/influx/write?rp=week&db=dashlight&precision=ms',
    );
  });

  it('completes influx v2 with /api/v2/write, org and bucket (bucket falls back to db)', () => {
    const v2 = target({ kind: 'influx', url: 'http://i:8086', influx: { version: 2, org: 'acme', bucket: 'b' } });
    expect(endpointFor(v2).href).toBe('http://i:8086/api/v2/write?org=acme&bucket=b&precision=ms');
    const noOrg = target({ kind: 'influx', url: 'http://vm:8428', influx: { version: 2 } });
    expect(endpointFor(noOrg).href).toBe('http://vm:8428/api/v2/write?bucket=dashlight&precision=ms');
  });

  it('completes otlp with /v1/metrics only when the URL has no path', () => {
    expect(endpointFor(target({ kind: 'otlp', url: 'http://collector:4318' })).href).toBe(
      'http://collector:4318/v1/metrics',
    );
    expect(endpointFor(target({ kind: 'otlp', url: 'http://gw/otlp/v1/metrics' })).href).toBe(
      'http://gw/otlp/v1/metrics',
    );
  });
});

describe('safeUrl', () => {
  it('drops user, password and fragment, and masks secret query values', () => {
    expect(safeUrl('https://me:pw@host:8086/write?db=x&u=me&p=pw&token=t&apiKey=k&precision=ms#frag')).toBe(
      'https://host:8086/write?db=x&u=***&p=***&token=***&apiKey=***&precision=ms',
    );
    expect(safeUrl(new URL('http://h/?access_token=abc&client_secret=s'))).toBe(
      'http://h/?access_token=***&client_secret=***',
    );
  });

  it('never echoes something that is not a URL', () => {
    expect(safeUrl('Bearer s3cret')).toBe('(invalid URL)');
  });
});
