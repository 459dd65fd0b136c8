/**
 * Keeps long reads from leaving the process bigger for good. Every row read from SQLite comes with
 * a Buffer outside V8's heap; V8 collects those only after ~64 MB of them have piled up, and the
 * C heap they came from seldom shrinks again (it fragments): after a tour of exports, stats and
 * year-long charts, a server that idled at 110 MB stayed at 200 MB. So readers report the bytes of
 * the rows they read, and every GC_EVERY_BYTES a collection is scheduled for the next turn of the
 * event loop (after the answer being built, or between two chunks of a paced scan), when the
 * runtime allows it: `dashlight run` and `dashlight stats` start Node with `--expose-gc`
 * (bin/lean-runtime.js); elsewhere (tests, the desktop app) nothing is collected.
 *
 * @example
 * const rows = stmt.all(from, to, 4096);
 * noteBlobBytes(rows.length * rowBytes);
 */

/** A collection per this many bytes read: a few ms of GC per 4 MB, ~30 during a week's export. */
export const GC_EVERY_BYTES = 4 * 1024 * 1024;

let pending = 0;
let scheduled = false;

/** Counts bytes just read from the database; schedules a collection once enough have piled up. */
export function noteBlobBytes(bytes: number): void {
  pending += bytes;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (pending < GC_EVERY_BYTES || scheduled || !gc) return;
  pending = 0;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    gc();
  }, 0).unref();
}
