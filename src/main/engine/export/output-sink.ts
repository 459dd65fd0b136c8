/**
 * Where export bytes go: a file written atomically (atomic-file-sink.ts) or a stream the caller
 * owns, such as stdout (stream-sink.ts). Every failure surfaces as an ExportWriteError whose
 * message names the target, the cause and the remedy (write-errors.ts).
 *
 * @example
 * const sink: OutputSink = await AtomicFileSink.open('/tmp/day.csv', 'exp1');
 * try {
 *   await sink.write(bytes);
 *   await sink.commit();
 * } catch (error) {
 *   await sink.discard();
 *   throw error;
 * }
 */
export interface OutputSink {
  /** Resolves when the bytes may be followed by more (written, or buffered below the high-water mark). */
  write(bytes: Uint8Array): Promise<void>;
  /** Makes everything written durable and visible; rejects if any write failed. */
  commit(): Promise<void>;
  /** Abandons the output, removing anything partial. Never rejects. */
  discard(): Promise<void>;
}
