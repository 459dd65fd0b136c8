/**
 * Throttled export progress: an event when the export starts (rowsDone 0), at most one per
 * interval while it runs, and a final one whose rowsDone and rowsTotal both equal the rows
 * written. The total given up front may be revised: it grows if rows keep arriving past it, and
 * the final event replaces an upper-bound estimate with the exact count (see export-runner.ts).
 *
 * @example
 * const progress = new ProgressReporter('exp1', 86_400, onProgress, () => performance.now());
 * progress.start();
 * progress.update(5000); // emitted only if 100 ms passed since the last event
 * progress.finish(86_400); // { id: 'exp1', rowsDone: 86400, rowsTotal: 86400 }
 */
import type { ExportProgress } from '../../../shared/export.js';

/** Enough for a smooth progress bar; far fewer events than chunks on fast disks. */
export const PROGRESS_INTERVAL_MS = 100;

export class ProgressReporter {
  private last = Number.NEGATIVE_INFINITY;
  private done = 0;

  constructor(
    private readonly id: string,
    private total: number,
    private readonly listener: ((progress: ExportProgress) => void) | undefined,
    private readonly now: () => number,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  start(): void {
    this.emit(0);
  }

  /** Reports rows done so far, if the interval has passed since the last event. */
  update(rowsDone: number): void {
    if (!this.listener) return;
    if (this.now() - this.last >= this.intervalMs) this.emit(rowsDone);
  }

  /** The last event: the exact number of rows written. */
  finish(rowsDone: number): void {
    this.total = rowsDone;
    this.emit(rowsDone);
  }

  private emit(rowsDone: number): void {
    this.done = Math.max(this.done, rowsDone);
    this.total = Math.max(this.total, this.done);
    this.last = this.now();
    this.listener?.({ id: this.id, rowsDone: this.done, rowsTotal: this.total });
  }
}
