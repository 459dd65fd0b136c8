/**
 * Collects formatted rows into chunks and hands each chunk to the sink. Between chunks it
 * reports progress, checks for a cancel and gives the event loop a turn, so a long export never
 * holds up sampling, alerts or the UI for more than one chunk's formatting.
 *
 * One write is kept in flight while the next chunk is formatted (never two: writes to one file
 * handle must not overlap), so disk time hides behind CPU time instead of adding to it.
 *
 * @example
 * const writer = new ExportWriter({ format, sink, progress, signal, id });
 * writer.begin();
 * writer.row(ts, cells);       // as many as fit a chunk
 * await writer.endChunk();     // write, progress, cancel check, yield
 * await writer.finish();
 */
import { noteWrittenBytes } from '../store/blob-garbage.js';
import { ByteChunk } from './byte-chunk.js';
import { nextTurn, throwIfCancelled } from './cancel.js';
import type { OutputSink } from './output-sink.js';
import type { ProgressReporter } from './progress.js';
import type { RowCells } from './row-cells.js';
import type { RowFormat } from './row-format.js';

export interface ExportWriterParts {
  readonly format: RowFormat;
  readonly sink: OutputSink;
  readonly progress: ProgressReporter;
  readonly signal: AbortSignal | undefined;
  readonly id: string;
}

/** No write in flight. */
const NONE: Promise<null> = Promise.resolve(null);

export class ExportWriter {
  /** Rows formatted so far. */
  rows = 0;
  /** Bytes handed to the sink so far. */
  bytes = 0;
  private readonly out = new ByteChunk();
  private inFlight: Promise<{ error: unknown } | null> = NONE;

  constructor(private readonly parts: ExportWriterParts) {}

  begin(): void {
    this.parts.format.begin(this.out);
  }

  /** Formats one row into the current chunk (an arrow function: passed around as a callback). */
  readonly row = (ts: number, cells: RowCells): void => {
    this.parts.format.row(this.out, ts, cells);
    this.rows++;
  };

  /** Writes the chunk, reports progress, checks for a cancel, then yields to the event loop. */
  async endChunk(): Promise<void> {
    const { progress, signal, id } = this.parts;
    await this.writeOut();
    progress.update(this.rows);
    throwIfCancelled(signal, id);
    await nextTurn();
    throwIfCancelled(signal, id);
  }

  /** Writes the format's footer and whatever is left, and waits until the sink has it all. */
  async finish(): Promise<void> {
    this.parts.format.end(this.out);
    await this.writeOut();
    await this.settle();
  }

  /** Waits for the write in flight; call before abandoning the sink so nothing writes after it. */
  async settle(): Promise<void> {
    const failure = await this.inFlight;
    this.inFlight = NONE;
    if (failure) throw failure.error;
  }

  /** Starts writing the chunk after the previous write has finished. */
  private async writeOut(): Promise<void> {
    await this.settle();
    if (this.out.length === 0) return;
    const bytes = this.out.take();
    this.bytes += bytes.length;
    // Each chunk is a fresh buffer outside V8's heap, freed only by a collection once written.
    noteWrittenBytes(bytes.length);
    // The outcome is captured at once: a rejection nobody awaits yet must not count as unhandled.
    this.inFlight = this.parts.sink.write(bytes).then(
      () => null,
      (error: unknown) => ({ error }),
    );
  }
}
