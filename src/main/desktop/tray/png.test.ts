import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIco } from './ico.js';
import { crc32, encodePng, PNG_SIGNATURE } from './png.js';

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

function chunks(png: Buffer): Chunk[] {
  const out: Chunk[] = [];
  let at = PNG_SIGNATURE.length;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    out.push({
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
      crc: png.readUInt32BE(at + 8 + length),
    });
    at += 12 + length;
  }
  return out;
}

function pattern(width: number, height: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 37 + (i >> 5)) & 0xff;
  return rgba;
}

describe('crc32', () => {
  it('matches the known check values', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('encodePng', () => {
  it('writes signature, IHDR, IDAT and IEND with valid CRCs', () => {
    const png = encodePng(5, 3, pattern(5, 3));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of list) expect(c.crc).toBe(crc32(Buffer.concat([Buffer.from(c.type, 'latin1'), c.data])));
    const ihdr = list[0]!.data;
    expect(ihdr.readUInt32BE(0)).toBe(5);
    expect(ihdr.readUInt32BE(4)).toBe(3);
    expect([...ihdr.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    expect(list[2]!.data.length).toBe(0);
  });

  it('round-trips the pixels through zlib with filter byte 0 on every row', () => {
    const [width, height] = [7, 4];
    const rgba = pattern(width, height);
    const idat = chunks(encodePng(width, height, rgba)).find((c) => c.type === 'IDAT')!;
    const raw = inflateSync(idat.data);
    expect(raw.length).toBe((width * 4 + 1) * height);
    const pixels: Buffer[] = [];
    for (let y = 0; y < height; y++) {
      const row = raw.subarray(y * (width * 4 + 1), (y + 1) * (width * 4 + 1));
      expect(row[0]).toBe(0);
      pixels.push(row.subarray(1));
    }
    expect(Buffer.concat(pixels)).toEqual(rgba);
  });

  it('rejects a buffer of the wrong length or a bad size', () => {
    expect(() => encodePng(2, 2, Buffer.alloc(15))).toThrow(RangeError);
    expect(() => encodePng(0, 2, Buffer.alloc(0))).toThrow(RangeError);
  });
});

describe('encodeIco', () => {
  it('writes the header, one entry per image and the PNGs at their offsets', () => {
    const images = [16, 48, 256].map((s) => ({ width: s, height: s, png: encodePng(s, s, Buffer.alloc(s * s * 4)) }));
    const ico = encodeIco(images);
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(3);
    let offset = 6 + 16 * 3;
    images.forEach((image, i) => {
      const at = 6 + 16 * i;
      expect(ico[at]).toBe(image.width === 256 ? 0 : image.width);
      expect(ico[at + 1]).toBe(image.height === 256 ? 0 : image.height);
      expect(ico[at + 2]).toBe(0);
      expect(ico[at + 3]).toBe(0);
      expect(ico.readUInt16LE(at + 4)).toBe(1);
      expect(ico.readUInt16LE(at + 6)).toBe(32);
      expect(ico.readUInt32LE(at + 8)).toBe(image.png.length);
      expect(ico.readUInt32LE(at + 12)).toBe(offset);
      expect(ico.subarray(offset, offset + image.png.length)).toEqual(image.png);
      offset += image.png.length;
    });
    expect(ico.length).toBe(offset);
  });

  it('rejects empty lists and sizes over 256', () => {
    expect(() => encodeIco([])).toThrow(RangeError);
    expect(() => encodeIco([{ width: 300, height: 300, png: Buffer.alloc(1) }])).toThrow(RangeError);
  });
});
