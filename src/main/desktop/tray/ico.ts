/**
 * An ICO container with PNG-compressed entries (supported since Windows Vista), so the Windows tray
 * picks the size that matches the display scale instead of scaling one bitmap.
 *
 * @example
 * const ico = encodeIco([16, 32].map((s) => ({ width: s, height: s, png: encodePng(s, s, pixels(s)) })));
 */

export interface IcoImage {
  readonly width: number;
  readonly height: number;
  /** A complete PNG file (32-bit RGBA). */
  readonly png: Buffer;
}

const HEADER = 6;
const ENTRY = 16;

/**
 * Packs PNG images into an ICO file: ICONDIR header, one ICONDIRENTRY per image, then the PNG data.
 *
 * @example
 * encodeIco([{ width: 16, height: 16, png }]).readUInt16LE(4) // 1 image
 */
export function encodeIco(images: readonly IcoImage[]): Buffer {
  if (images.length === 0 || images.length > 0xffff) throw new RangeError('an ICO holds 1 to 65535 images');
  const header = Buffer.alloc(HEADER + ENTRY * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon (2 would be cursor)
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    for (const side of [image.width, image.height]) {
      if (!Number.isInteger(side) || side < 1 || side > 256) throw new RangeError(`bad ICO image size ${side}`);
    }
    const at = HEADER + ENTRY * i;
    // A single byte holds the size, so 256 is written as 0 by the format's convention.
    header[at] = image.width & 0xff;
    header[at + 1] = image.height & 0xff;
    header[at + 2] = 0; // palette colours: none
    header[at + 3] = 0; // reserved
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(image.png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += image.png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}
