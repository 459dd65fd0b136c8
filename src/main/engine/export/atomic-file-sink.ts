/**
 * Writes an export file atomically: bytes go to a hidden temporary file in the target's own
 * folder (`.<name>.<id>.partial`; the same folder, so the final rename never crosses file
 * systems), which is fsynced, closed and renamed over the target. Readers see either the old
 * file or the complete new one; a failure or a cancel removes the temporary file and leaves any
 * existing target untouched.
 *
 * `open` checks the destination before any data is read: the folder must exist, the target must
 * not be a folder, and creating the temporary file proves the folder is writable (permissions,
 * read-only mounts) in a way no `access` check can.
 *
 * @example
 * const sink = await AtomicFileSink.open('/home/me/day.csv', 'exp1');
 * await sink.write(Buffer.from('ts,ts_ms\r\n'));
 * await sink.commit(); // /home/me/day.csv now exists, complete
 */
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { OutputSink } from './output-sink.js';
import { explainWriteError, writeProblem } from './write-errors.js';

export class AtomicFileSink implements OutputSink {
  private handle: FileHandle | null;

  private constructor(
    /** The target as given (messages name it as the user typed it). */
    private readonly path: string,
    private readonly target: string,
    readonly tempPath: string,
    handle: FileHandle,
  ) {
    this.handle = handle;
  }

  /** The temporary file's name for a target and export id. */
  static tempPathFor(target: string, id: string): string {
    const full = resolve(target);
    const safeId = id.replace(/[^A-Za-z0-9_-]/g, '_');
    return resolve(dirname(full), `.${basename(full)}.${safeId}.partial`);
  }

  /** Checks the destination and creates the temporary file; rejects with an ExportWriteError. */
  static async open(path: string, id: string): Promise<AtomicFileSink> {
    const target = resolve(path);
    if (path.endsWith('/') || path.endsWith('\\')) throw writeProblem(path, 'EISDIR');
    try {
      const folder = await stat(dirname(target));
      if (!folder.isDirectory()) throw writeProblem(path, 'ENOTDIR');
      const existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (existing?.isDirectory()) throw writeProblem(path, 'EISDIR');
      const tempPath = AtomicFileSink.tempPathFor(target, id);
      // 'w' rather than 'wx': a .partial left by a crash under the same id is ours to replace.
      const handle = await open(tempPath, 'w', 0o644);
      return new AtomicFileSink(path, target, tempPath, handle);
    } catch (error) {
      throw explainWriteError(path, error);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.openHandle();
    try {
      let done = 0;
      // A write may be partial (rare on files, but allowed): loop until everything is out.
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
        done += bytesWritten;
      }
    } catch (error) {
      throw explainWriteError(this.path, error);
    }
  }

  async commit(): Promise<void> {
    const handle = this.openHandle();
    try {
      // Data on disk before the rename makes it visible: a crash never leaves a truncated target.
      await handle.sync();
      this.handle = null;
      await handle.close();
      await rename(this.tempPath, this.target);
    } catch (error) {
      throw explainWriteError(this.path, error);
    }
    await syncFolder(dirname(this.target));
  }

  async discard(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => {});
    await unlink(this.tempPath).catch(() => {});
  }

  private openHandle(): FileHandle {
    if (!this.handle) throw new Error(`the export file ${this.path} is already closed`);
    return this.handle;
  }
}

/** Best effort: persists the rename itself. Not possible on every platform (Windows), so errors are ignored. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // The file is complete and renamed; only its survival across a power cut is less certain.
  } finally {
    await handle?.close().catch(() => {});
  }
}
