/**
 * Writes an export to a stream the caller owns (stdout for `dashlight export --out -`), with
 * backpressure: when `write()` returns false the next chunk waits for 'drain', so a slow reader
 * slows the export instead of growing memory. The stream is not ended: it belongs to the caller.
 *
 * Stream errors arrive asynchronously (a write to /dev/full fails after `write()` returned), so
 * the sink listens for 'error', checks every write's callback, and `commit` waits for the last
 * callback: an export is never reported done while its bytes could still fail.
 *
 * @example
 * const sink = new StreamSink(process.stdout, '-', signal);
 * await sink.write(bytes);
 * await sink.commit();
 */
import { ExportCancelledError } from './cancel.js';
import type { OutputSink } from './output-sink.js';
import { explainWriteError } from './write-errors.js';

export class StreamSink implements OutputSink {
  private failure: Error | null = null;
  /** Settles when the latest write's callback ran: callbacks run in order, so this covers all. */
  private lastWrite: Promise<void> = Promise.resolve();
  private readonly onError = (error: Error) => {
    this.failure ??= explainWriteError(this.path, error);
  };

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly path: string,
    private readonly signal?: AbortSignal,
    private readonly id = 'export',
  ) {
    stream.on('error', this.onError);
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.throwIfFailed();
    let accepted = true;
    this.lastWrite = new Promise<void>((resolve) => {
      accepted = this.stream.write(bytes, (error?: Error | null) => {
        if (error) this.onError(error);
        resolve();
      });
    });
    if (!accepted) await this.drained();
    this.throwIfFailed();
  }

  async commit(): Promise<void> {
    await this.lastWrite;
    this.throwIfFailed();
    // Every callback ran without error: nothing of ours can fail any more.
    this.stream.removeListener('error', this.onError);
  }

  /**
   * Keeps the 'error' listener: a write still in flight may fail later, and an 'error' with no
   * listener would crash the process (the engine's, in the desktop app).
   */
  async discard(): Promise<void> {}

  /** Waits for 'drain', or for an error, the stream closing, or a cancel, whichever comes first. */
  private drained(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const stream = this.stream;
      const done = (error?: Error) => {
        stream.removeListener('drain', onDrain);
        stream.removeListener('error', onFail);
        stream.removeListener('close', onClose);
        this.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onFail = (error: Error) => done(explainWriteError(this.path, error));
      const onClose = () =>
        done(this.failure ?? explainWriteError(this.path, new Error('the output was closed before the export ended')));
      const onAbort = () => done(new ExportCancelledError(this.id));
      stream.once('drain', onDrain);
      stream.once('error', onFail);
      stream.once('close', onClose);
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
