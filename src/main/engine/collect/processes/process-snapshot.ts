/**
 * What one pass over the process table yields, whatever the OS: every process with its app and
 * the CPU, storage I/O and memory it used since the previous pass. The process history, the live
 * view and process alerts all read this.
 *
 * @example
 * const snapshot = await table.read();
 * for (const p of snapshot.processes) console.log(p.app.name, p.cpuCs / 100, 'CPU-seconds');
 */
import type { AppIdentity } from './app-identity.js';

export interface ProcessReading {
  readonly pid: number;
  readonly app: AppIdentity;
  /** The executable's name (`node`, `chrome.exe`), which process rules may match as well as the app. */
  readonly exe: string;
  /** The command line, arguments separated by spaces (cut to 512 characters). */
  readonly command: string;
  /** CPU time since the previous pass, in hundredths of a second, children it reaped unseen included. */
  readonly cpuCs: number;
  readonly rssBytes: number;
  /** Bytes read from and written to storage since the previous pass; null where it cannot be read. */
  readonly ioBytes: number | null;
}

export interface ProcessSnapshot {
  /** Wall-clock time of the pass, UTC ms. */
  readonly ts: number;
  /** Time since the previous pass, in ms; null on a pass that only primes (the first, or after a gap). */
  readonly elapsedMs: number | null;
  /** Logical CPUs: a window of `elapsedMs` offers `cores × elapsedMs` of CPU. */
  readonly cores: number;
  readonly processes: readonly ProcessReading[];
}

export interface ProcessTable {
  /** One pass. Never rejects because a process exited while it was being read. */
  read(): Promise<ProcessSnapshot>;
  /** The next pass primes again (after a gap: deltas across it would be wrong). */
  reset(): void;
  /** Releases what is kept open between passes. */
  close(): Promise<void>;
}
