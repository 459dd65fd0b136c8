/**
 * Push status shapes, shared by the engine, the CLI and the dashboard.
 *
 * @example
 * const { targets } = await api.pushStatus();
 * targets[0].pending // samples stored but not yet delivered to that target
 */
import type { PushTarget } from './push-settings.js';

export interface PushTargetStatus {
  readonly name: string;
  readonly kind: PushTarget['kind'];
  /** The URL without credentials. */
  readonly url: string;
  readonly enabled: boolean;
  readonly paused: boolean;
  /** Stored samples not yet delivered. */
  readonly pending: number;
  readonly sentTotal: number;
  /** Samples lost because the backlog outlived raw retention; counted exactly, never silently. */
  readonly droppedTotal: number;
  /** Samples in batches the server refused for good (4xx other than 408/413/429). */
  readonly deadTotal: number;
  readonly deadLetters: number;
  readonly cursorTs: number | null;
  readonly lastSuccess: number | null;
  readonly lastError: string | null;
  readonly lastErrorAt: number | null;
  /** When the next attempt after a failure is due (kept in the database: every process sees it). */
  readonly nextAttempt: number | null;
  /** The server asked (Retry-After) that nothing be sent before then; not even "push now" sends sooner. */
  readonly retryAfterUntil: number | null;
  /**
   * Why nothing can be sent: a credential this process cannot open (a token sealed by the desktop
   * app's keyring, in the headless engine; an unset variable; a file others can read). Null when fine.
   */
  readonly credentialProblem: string | null;
}

export interface PushStatusResult {
  readonly targets: readonly PushTargetStatus[];
}

export interface DeadLetter {
  readonly id: number;
  readonly target: string;
  readonly batchId: string;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly samples: number;
  readonly status: number;
  readonly bodyExcerpt: string | null;
  readonly at: number;
}

/** What one real request to a target said (`testTarget`). */
export interface TargetTestResult {
  readonly ok: boolean;
  readonly status: number | null;
  readonly detail: string;
  readonly elapsedMs: number;
}
