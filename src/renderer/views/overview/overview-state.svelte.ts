/**
 * The Overview's state: the live charts' window (5, 15 or 60 minutes, kept across navigation)
 * and the engine's rolling statistics, polled while the view is shown.
 *
 * @example
 * const overview = app.view(OverviewState);
 * const stop = overview.pollRolling(); // loads now, then every 10 s
 * overview.setWindow(60);
 */
import type { RollingResult } from '../../../shared/queries.js';
import { ClientError } from '../../lib/client/client-error.js';
import { formatValue } from '../../../shared/units.js';
import type { AppState } from '../../lib/app-context.js';

export const WINDOW_CHOICES = [5, 15, 60] as const;
export type WindowMinutes = (typeof WINDOW_CHOICES)[number];

export const ROLLING_REFRESH_MS = 10_000;

/** Formatted values kept; cards format a dozen values a second, many of them repeats. */
const FORMAT_MEMO_LIMIT = 512;

export class OverviewState {
  windowMinutes = $state<WindowMinutes>(15);
  windowMs = $derived(this.windowMinutes * 60_000);
  rolling = $state.raw<RollingResult | null>(null);
  rollingError = $state<string | null>(null);
  /** Answers can arrive out of order after a slow call; only the newest request may write. */
  private request = 0;
  // A cache, not state: most of a card's values repeat from one tick to the next.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly formatted = new Map<string, string>();

  constructor(private readonly app: AppState) {}

  setWindow(minutes: WindowMinutes): void {
    this.windowMinutes = minutes;
  }

  /**
   * The newest value of a series (slow ones included). Reading `live.latest` here is what makes
   * markup that calls this re-render on every tick.
   */
  value(key: string): number | null {
    void this.app.live.latest;
    return this.app.live.valueOf(key);
  }

  /** `value(key)` in the metric's unit ("12.5 %", "1.2 MiB/s"); a dash before the first reading. */
  format(key: string): string {
    const value = this.value(key);
    const memoKey = `${key}|${value}`;
    let text = this.formatted.get(memoKey);
    if (text === undefined) {
      if (this.formatted.size >= FORMAT_MEMO_LIMIT) this.formatted.clear();
      text = formatValue(key, value);
      this.formatted.set(memoKey, text);
    }
    return text;
  }

  async loadRolling(): Promise<void> {
    const client = this.app.client;
    const request = ++this.request;
    try {
      const result = await client.rolling();
      if (request !== this.request) return;
      this.rolling = result;
      this.rollingError = null;
    } catch (error) {
      if (request !== this.request) return;
      this.rollingError = ClientError.from(error).message;
    }
  }

  /** Loads the rolling windows now and then every `everyMs`; call the returned function to stop. */
  pollRolling(everyMs = ROLLING_REFRESH_MS): () => void {
    void this.loadRolling();
    const timer = setInterval(() => void this.loadRolling(), everyMs);
    return () => clearInterval(timer);
  }
}
