/**
 * Follows commits that fail (a full disk, above all) as one episode: since when, how much is held
 * in memory, and when the buffer will be full and the oldest samples start being dropped. The
 * sampling module puts it in `status`, so every interface (the dashboard's banner, the tray,
 * `dashlight run`'s terminal, doctor) can say so.
 *
 * @example
 * const health = new WriteHealth(store, clock);
 * health.afterCommit(); // after each commit attempt
 * health.problem(2000); // { since, code: 'SQLITE_FULL', bufferedSamples: 120, dropsAt, … } or null
 */
import type { WriteProblem } from '../../../shared/queries.js';
import type { Clock } from '../schedule/clock.js';
import type { MetricStore } from '../store/metric-store.js';

export class WriteHealth {
  private since: number | null = null;
  private droppedBefore = 0;
  private droppingSince: number | null = null;

  constructor(
    private readonly store: Pick<MetricStore, 'commitFailure' | 'pendingCount' | 'pendingLimit' | 'droppedCount'>,
    private readonly clock: Clock,
  ) {}

  /** Notes how the last commit went; starts or ends an episode. */
  afterCommit(): void {
    const failing = this.store.commitFailure() !== null;
    const now = this.clock.wall();
    if (failing && this.since === null) {
      this.since = now;
      this.droppedBefore = this.store.droppedCount();
      this.droppingSince = null;
    } else if (!failing) {
      this.since = null;
    }
    if (this.since !== null && this.droppingSince === null && this.store.droppedCount() > this.droppedBefore)
      this.droppingSince = now;
  }

  /** The episode now, or null while commits work; `intervalMs` is the sampling interval. */
  problem(intervalMs: number): WriteProblem | null {
    const failure = this.store.commitFailure();
    if (failure === null || this.since === null) return null;
    const buffered = this.store.pendingCount();
    const limit = this.store.pendingLimit;
    const now = this.clock.wall();
    return {
      asOf: now,
      since: this.since,
      code: failure.code,
      cause: failure.cause,
      advice: failure.advice,
      bufferedSamples: buffered,
      bufferLimit: limit,
      dropsAt: this.droppingSince ?? now + Math.max(0, limit - buffered) * intervalMs,
      droppedSamples: this.store.droppedCount() - this.droppedBefore,
    };
  }
}
