import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeHttpJson } from './http-json.js';
import { gzipBody } from './gzip.js';
import { META, smallBatch, testTarget } from './test-support.js';

describe('gzipBody', () => {
  const body = encodeHttpJson(smallBatch(), META, testTarget('http-json')).body;

  it('round-trips', () => {
    expect(gunzipSync(gzipBody(body)).equals(body)).toBe(true);
    expect(gunzipSync(gzipBody(Buffer.alloc(0))).length).toBe(0);
  });

  it('gives the same bytes for the same input, in separate buffers', () => {
    const copy = Buffer.from(body);
    expect(gzipBody(copy).equals(gzipBody(body))).toBe(true);
  });

  it('writes a header with no name, mtime 0 and a fixed OS byte', () => {
    const header = gzipBody(body).subarray(0, 10);
    expect([...header.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // magic, deflate, no flags
    expect(header.readUInt32LE(4)).toBe(0); // mtime
    expect(header[9]).toBe(255); // OS "unknown" on every platform
  });

  it('compresses a realistic body', () => {
    const big = Buffer.from(body.toString().repeat(200));
    expect(gzipBody(big).length).toBeLessThan(big.length / 10);
  });
});
