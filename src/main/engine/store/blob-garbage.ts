/**
 * Keeps long reads from leaving the process bigger for good. Every row read from SQLite comes with
 * a Buffer outside V8's heap; V8 collects those only after ~64 MB of them have piled up, and the
 * C heap they came from seldom shrinks again (it fragments): after a tour of exports, stats and
 * year-long charts, a server that idled at 110 MB stayed at 200 MB. So readers report the bytes of
 * the rows they read (and exports the chunks they write, counted at a quarter), and:
 * - every GC_EVERY_BYTES a collection is scheduled for the next turn of the event loop (after the
 *   answer being built, or between two chunks of a paced scan);
 * - once COMPACT_AFTER_BYTES have been read since the last compacting collection, and then
 *   nothing for QUIET_MS, one compacting collection runs. An ordinary collection keeps the pages it
 *   emptied for later and the process stays at its high-water mark (+15 MB after a year-long
 *   chart); the compacting one hands them back, in ~25 ms. An engine that only samples reads
 *   that much in its rollups about once an hour.
 *
 * Both only when the runtime allows it: `dashlight run` and `dashlight stats` start Node with
 * `--expose-gc` (bin/lean-runtime.js); elsewhere (tests, the desktop app) nothing is collected.
 *
 * @example
 * const rows = stmt.all(from, to, 4096);
 * noteBlobBytes(rows.length * rowBytes);
 */

/** A collection per this many bytes read: a few ms of GC per 4 MB, ~30 during a week's export. */
export const GC_EVERY_BYTES = 4 * 1024 * 1024;
/**
 * Bytes of export chunks written per collection: a chunk is a fresh 1–2 MB buffer, and a week's
 * NDJSON download makes 750 MB of them. Per 4 MB it cost 27 % of the export's time; per 16 MB,
 * ~10 %, and `run --serve` peaked 30 MB lower than with none.
 */
export const WRITTEN_GC_EVERY_BYTES = 16 * 1024 * 1024;
/** Bytes read that call for a compacting collection: five month-long charts, one day's stats. */
export const COMPACT_AFTER_BYTES = 1024 * 1024;
/** Quiet after a big read before the compacting collection: long enough to span a burst of requests. */
export const QUIET_MS = 5_000;

/** Node's `gc()` under `--expose-gc`, with the options V8's gc extension reads. */
export type GcFunction = (options?: {
  type?: 'major' | 'minor';
  execution?: 'sync' | 'async';
  flavor?: 'regular' | 'last-resort';
}) => void;

/** The compacting collection: everything collectable, emptied pages returned to the OS. */
export const COMPACTING = { type: 'major', execution: 'sync', flavor: 'last-resort' } as const;

/**
 * The collections one process schedules for what it reads.
 *
 * @example
 * const garbage = new BlobGarbage(globalThis.gc);
 * garbage.note(1_000_000);
 */
export class BlobGarbage {
  private pending = 0;
  private scheduled = false;
  private sinceCompaction = 0;
  private quiet: NodeJS.Timeout | null = null;

  constructor(private readonly gc: GcFunction | undefined) {}

  /** Counts bytes of output just handed to a sink (an export's chunk): a quarter of read bytes' weight. */
  noteWritten(bytes: number): void {
    this.note((bytes * GC_EVERY_BYTES) / WRITTEN_GC_EVERY_BYTES);
  }

  /** Counts bytes just read from the database; schedules what collections they call for. */
  note(bytes: number): void {
    const gc = this.gc;
    if (!gc) return;
    this.pending += bytes;
    this.sinceCompaction += bytes;
    if (this.quiet) this.quiet.refresh();
    else if (this.sinceCompaction >= COMPACT_AFTER_BYTES) {
      this.quiet = setTimeout(() => {
        this.quiet = null;
        this.sinceCompaction = 0;
        gc(COMPACTING);
      }, QUIET_MS).unref();
    }
    if (this.pending < GC_EVERY_BYTES || this.scheduled) return;
    this.pending = 0;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      gc();
    }, 0).unref();
  }
}

const processGarbage = new BlobGarbage((globalThis as { gc?: GcFunction }).gc);

/** Counts bytes just read from the database, for this process's collections. */
export function noteBlobBytes(bytes: number): void {
  processGarbage.note(bytes);
}

/** Counts bytes of output just handed to a sink (an export's chunk), at their own rate. */
export function noteWrittenBytes(bytes: number): void {
  processGarbage.noteWritten(bytes);
}
