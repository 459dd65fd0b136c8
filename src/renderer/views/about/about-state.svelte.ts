/**
 * The About view's state: diagnostics (versions, folders, database), the on-demand integrity
 * check, and Dashlight's own CPU and memory, recorded from every new `live.status` (status events,
 * plus a 5 s poll while the view is shown).
 *
 * @example
 * onMount(() => aboutState.start()); // returns the stop function
 * await aboutState.checkIntegrity(); // aboutState.integrity === 'ok'
 */
import type { DiagnosticsResult } from '../../../shared/diagnostics.js';
import type { StatusResult } from '../../../shared/queries.js';
import { ClientError } from '../../lib/client/client.js';
import { Listeners } from '../../lib/client/listeners.js';
import { SelfUsage, type UsagePoint } from './self-usage.js';
import type { AppState } from '../../lib/app-context.js';

export const POLL_MS = 5000;
export const USAGE_WINDOW_MS = 10 * 60_000;

export class AboutState {
  diagnostics = $state.raw<DiagnosticsResult | null>(null);
  error = $state<string | null>(null);
  checking = $state(false);
  /** 'ok', or the problems SQLite found (one per line); null until checked. */
  integrity = $state<string | null>(null);
  integrityError = $state<string | null>(null);
  /** Not reactive: the sparklines append from it through `onUsage`. */
  readonly usage = new SelfUsage(USAGE_WINDOW_MS, POLL_MS);
  private readonly usageListeners = new Listeners<[UsagePoint]>();
  private lastStatus: StatusResult | null = null;

  async load(): Promise<void> {
    try {
      this.diagnostics = await this.app.client.diagnostics();
      this.error = null;
    } catch (error) {
      this.error = ClientError.from(error).message;
    }
  }
  constructor(private readonly app: AppState) {}

  /** Runs SQLite's integrity check, which reads the whole database file. */
  async checkIntegrity(): Promise<void> {
    this.checking = true;
    this.integrity = null;
    this.integrityError = null;
    try {
      const result = await this.app.client.diagnostics({ integrity: true });
      this.diagnostics = result;
      this.integrity = result.db.integrity ?? 'not checked';
    } catch (error) {
      this.integrityError = ClientError.from(error).message;
    } finally {
      this.checking = false;
    }
  }

  /**
   * Polls the status every POLL_MS while the page is visible, into `live.status` (which status
   * events update too); the view records each new one with `record`. Returns the stop function.
   */
  start(): () => void {
    const client = this.app.client;
    const timer = setInterval(() => {
      if (this.app.live.hidden) return;
      client.status().then(
        (status) => (this.app.live.status = status),
        () => {
          // The connection banner reports a lost engine; the next poll tries again.
        },
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }

  /** Adds a usage point for a status not seen before. */
  record(status: StatusResult | null, now = Date.now()): void {
    if (!status || status === this.lastStatus) return;
    this.lastStatus = status;
    const point = this.usage.push(now, status.self);
    this.usageListeners.emit(point);
  }

  onUsage(listener: (point: UsagePoint) => void): () => void {
    return this.usageListeners.add(listener);
  }
}
