/**
 * Deterministic gzip for request bodies: the same body always gives the same bytes on this
 * machine, so a re-sent batch is byte-identical on the wire too.
 *
 * zlib already writes a header with no file name and mtime 0; what remains platform-dependent is
 * the OS byte (3 on Unix builds, 10 on Windows builds of zlib), which is pinned here. Every
 * compression parameter is explicit so that a change of Node's defaults cannot change the output.
 * (A different zlib version could still compress differently; the decompressed body, which is
 * what a receiver deduplicates on, never changes.)
 */
// Loaded on first use: the engine only needs zlib once a push target exists.
const zlib = () => process.getBuiltinModule('node:zlib');

/**
 * Fast over small: level 1 still shrinks line protocol 3.5× but at 2.5× the speed of level 6, and a
 * week of backlog must drain in seconds (bench/push-backlog.ts; level 6 took the drain past 30 s).
 */
export const GZIP_LEVEL = 1;

/** Offset of the OS byte in the 10-byte gzip header (RFC 1952, 2.3). */
const OS_BYTE = 9;
/** RFC 1952's "unknown" operating system. */
const OS_UNKNOWN = 255;

/**
 * Gzips a request body, identically every time for the same input.
 *
 * @example
 * const body = gzipBody(encoded.body); // send with `Content-Encoding: gzip`
 * gunzipSync(body).equals(encoded.body) // true
 */
export function gzipBody(body: Buffer): Buffer {
  const { constants, gzipSync } = zlib();
  const out = gzipSync(body, {
    level: GZIP_LEVEL,
    windowBits: 15,
    memLevel: 8,
    strategy: constants.Z_DEFAULT_STRATEGY,
  });
  // Only the header changes; the trailer's CRC covers the uncompressed data, not the header.
  out[OS_BYTE] = OS_UNKNOWN;
  return out;
}
