/**
 * Keeps the writer's live state file (LiveStateFile) up to date from the engine's `status` events,
 * so another process (doctor) sees what this one holds in memory and why. Only the writer lock's
 * holder publishes; a file that cannot be made (a disk full at start) costs the engine nothing.
 *
 * @example
 * const live = LivePublisher.open(dbFile, lock.holder, { clock, log, pending, commitIntervalMs });
 * events.on('status', (status) => live?.publish(status));
 * live?.stopped(); // at the end: what could not be saved
 */
import type { StatusResult } from '../../../shared/queries.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { LiveStateFile, type LiveState } from '../store/live-state-file.js';
import type { LockHolder } from '../store/writer-lock.js';

export interface LivePublisherOptions {
  readonly clock: Clock;
  readonly log: Logger;
  /** Samples buffered for the next commit. */
  readonly pending: () => number;
  readonly commitIntervalMs: () => number;
}

export class LivePublisher {
  private last: LiveState | null = null;
  private refused = false;

  private constructor(
    private readonly file: LiveStateFile,
    private readonly holder: LockHolder,
    private readonly options: LivePublisherOptions,
  ) {}

  static open(dbFile: string, holder: LockHolder, options: LivePublisherOptions): LivePublisher | null {
    try {
      return new LivePublisher(LiveStateFile.create(dbFile), holder, options);
    } catch (error) {
      options.log.warn({ err: error }, 'cannot make the live state file: doctor will not see this engine’s buffer');
      return null;
    }
  }

  publish(status: StatusResult): void {
    const problem = status.writeProblem ?? null;
    this.write({
      pid: this.holder.pid,
      command: this.holder.command,
      // As of the moment the problem was reckoned, so "as of" and "from … dropped" agree to the second.
      at: problem?.asOf ?? this.options.clock.wall(),
      state: status.state,
      intervalMs: status.intervalMs,
      commitIntervalMs: this.options.commitIntervalMs(),
      bufferedSamples: problem?.bufferedSamples ?? this.options.pending(),
      writeProblem: problem,
    });
  }

  /** The engine stopped; `bufferedSamples` is what its last commit could not save. Closes the file. */
  stopped(): void {
    if (this.last)
      this.write({
        ...this.last,
        at: this.options.clock.wall(),
        state: 'stopped',
        bufferedSamples: this.options.pending(),
        writeProblem: null,
      });
    this.file.close();
  }

  private write(state: LiveState): void {
    this.last = state;
    const written = this.file.write(state);
    if (!written && !this.refused) this.options.log.warn({ file: this.file.file }, 'could not update the live state');
    this.refused = !written;
  }
}
