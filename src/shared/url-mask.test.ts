import { describe, expect, it } from 'vitest';
import { hasUrlSecrets, maskUrl, unmaskUrl } from './url-mask.js';

const STORED = 'https://me:pw@influx.lan:8086/write?db=metrics&p=pw&u=me';

describe('maskUrl', () => {
  it('hides user info and secret query values, and leaves the rest alone', () => {
    expect(maskUrl(STORED)).toBe('https://***:***@influx.lan:8086/write?db=metrics&p=***&u=***');
    expect(maskUrl('http://vm.lan:8428/write')).toBe('http://vm.lan:8428/write');
    expect(maskUrl('not a url')).toBe('not a url');
    expect(hasUrlSecrets('http://h/x?token=abc')).toBe(true);
    expect(hasUrlSecrets('http://h/x?db=abc')).toBe(false);
  });
});

describe('unmaskUrl', () => {
  it('returns the stored URL when the masked text is untouched', () => {
    expect(unmaskUrl(maskUrl(STORED), STORED)).toBe(STORED);
  });

  it('puts stored credentials back where *** was kept in an edited URL', () => {
    expect(unmaskUrl('https://***:***@influx2.lan:8086/write?db=other&p=***&u=***', STORED)).toBe(
      'https://me:pw@influx2.lan:8086/write?db=other&p=pw&u=me',
    );
  });

  it('drops credentials the user removed, and takes new ones as typed', () => {
    expect(unmaskUrl('https://influx.lan:8086/write?db=metrics', STORED)).toBe(
      'https://influx.lan:8086/write?db=metrics',
    );
    expect(unmaskUrl('https://bob:new@influx.lan/write?p=***', STORED)).toBe('https://bob:new@influx.lan/write?p=pw');
  });

  it('leaves a new target URL as typed (trimmed)', () => {
    expect(unmaskUrl('  http://x/***  ', null)).toBe('http://x/***');
  });
});
