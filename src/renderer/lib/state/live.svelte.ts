/**
 * The live feed: the latest sample and status (reactive, for cards and the header), and the last
 * hour in a `SampleBuffer` that charts append from in place. Each tick's work is wrapped in a
 * `dashlight:live-update` performance measure, which `npm run bench` reads in Chromium.
 *
 * While the page is hidden nothing is drawn; samples are still buffered, and listeners get one
 * `resync` when it shows again.
 *
 * @example
 * const live = new LiveState(client);
 * live.start();
 * const stop = live.subscribe({ sample: (sample) => chart.append(sample), resync: () => redraw() });
 */
import { flushSync } from 'svelte';
import type { StatusResult } from '../../../shared/queries.js';
import type { Sample } from '../../../shared/sample.js';
import type { ConnectionState, DashlightClient } from '../client/client-types.js';
import { SampleBuffer } from './sample-buffer.js';
import { SENSOR_METRICS } from './sensor-series.js';

export const LIVE_WINDOW_MS = 60 * 60_000;
export const LIVE_MEASURE = 'dashlight:live-update';

/** Series the live charts and cards draw; backfilled from history so charts open full. */
const BACKFILL_METRICS = ['cpu.total', 'mem.percent', 'swap.percent', 'net.rx', 'net.tx', 'disk.read', 'disk.write'];
/**
 * Slow series the cards show. The latest sample rarely carries them (they are read every 60 s),
 * so they are asked for by name rather than taken from its keys.
 */
const BACKFILL_SLOW = [
  'load.1',
  'mem.used',
  'mem.total',
  'disk.used_pct',
  'temp.cpu',
  'battery.percent',
  'battery.charging',
  'battery.time_left',
];

/**
 * Everything the live views draw (the Overview's cards, charts, per-core strip and sensors card):
 * the `sample` events carry these series and no others, however many the machine reports.
 */
export const LIVE_SERIES: readonly string[] = [...BACKFILL_METRICS, 'cpu.core', ...BACKFILL_SLOW, ...SENSOR_METRICS];

export interface LiveListener {
  sample(sample: Sample): void;
  /** The buffer changed wholesale (backfill, page shown again): redraw from `live.buffer`. */
  resync(): void;
}

export class LiveState {
  latest = $state.raw<Sample | null>(null);
  status = $state.raw<StatusResult | null>(null);
  hidden = $state(false);
  /** Set when the first load failed (e.g. the server refused the token). */
  error = $state<string | null>(null);
  /** The event stream's state: samples flow only while it is 'open'. */
  connection = $state<ConnectionState>('connecting');
  /** It was open once: 'connecting' now means the engine or server went away. */
  everOpen = $state(false);
  /** Connected once and not now: whatever the last status said, nothing is being sampled here. */
  readonly lost = $derived(this.everOpen && this.connection !== 'open');
  readonly buffer = new SampleBuffer(LIVE_WINDOW_MS);
  /** The last value seen per series: slow metrics (disk usage, temperature) are not in every sample. */
  // Deliberately not reactive: written every tick for ~50 series; markup re-reads it via `latest`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly known = new Map<string, { value: number; ts: number }>();
  // Chart listeners, not state: nothing renders from this set.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly listeners = new Set<LiveListener>();
  private stops: (() => void)[] = [];

  constructor(private readonly client: DashlightClient) {}

  /** Subscribes to the client's events and loads the last hour. Safe to call again. */
  start(): void {
    this.stop();
    const client = this.client;
    this.setConnection(client.connection);
    client.subscribe({ series: [...LIVE_SERIES] });
    this.stops.push(
      client.on('sample', (sample) => this.receive(sample)),
      client.on('status', (status) => (this.status = status)),
      client.onConnection((state, reconnected) => {
        this.setConnection(state);
        if (state === 'open' && reconnected) void this.backfill();
      }),
    );
    if (typeof document !== 'undefined') {
      const onVisibility = () => {
        this.hidden = document.visibilityState === 'hidden';
        if (!this.hidden) this.emitResync();
      };
      document.addEventListener('visibilitychange', onVisibility);
      this.stops.push(() => document.removeEventListener('visibilitychange', onVisibility));
      this.hidden = document.visibilityState === 'hidden';
    }
    void this.backfill();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Charts subscribe here rather than to reactive state, so a tick redraws without diffing. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One tick: buffer, cards, charts, all inside one measure. */
  receive(sample: Sample): void {
    if (!this.buffer.push(sample)) return;
    this.remember(sample);
    if (this.hidden) return;
    const start = performance.now();
    this.latest = sample;
    for (const listener of this.listeners) listener.sample(sample);
    // Card values are DOM updates Svelte would otherwise batch into a microtask, outside the measure.
    flushSync();
    performance.measure(LIVE_MEASURE, { start, end: performance.now() });
  }

  /** Reloads status and the last hour; runs at start and after every reconnect. */
  async backfill(): Promise<void> {
    const client = this.client;
    try {
      const [status, latest] = await Promise.all([client.status(), client.latest()]);
      this.status = status;
      this.error = null;
      if (!latest) return;
      const keys = Object.keys(latest.values).filter((key) =>
        BACKFILL_METRICS.some((m) => key === m || key.startsWith(`cpu.core[`)),
      );
      for (const key of BACKFILL_SLOW) if (!keys.includes(key)) keys.push(key);
      const to = Date.now();
      const history = await client.history({
        series: keys.slice(0, 64),
        from: to - LIVE_WINDOW_MS,
        to,
        maxPoints: Math.min(20_000, Math.ceil(LIVE_WINDOW_MS / Math.max(status.intervalMs, 1000)) + 10),
      });
      this.buffer.fill(history);
      for (const sample of this.buffer.all()) this.remember(sample);
      this.buffer.push(latest);
      this.remember(latest);
      this.latest = this.buffer.last ?? latest;
      this.emitResync();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /**
   * The newest value of a series, even when the latest sample lacks it. Read it in markup next to
   * `live.latest`, which is what makes the markup update.
   */
  valueOf(key: string): number | null {
    return this.known.get(key)?.value ?? null;
  }

  /** Every series key seen so far, for pickers. */
  keys(): string[] {
    return [...this.known.keys()];
  }

  private setConnection(state: ConnectionState): void {
    this.connection = state;
    if (state === 'open') this.everOpen = true;
  }

  private remember(sample: Sample): void {
    for (const key in sample.values) this.known.set(key, { value: sample.values[key]!, ts: sample.ts });
  }

  private emitResync(): void {
    for (const listener of this.listeners) listener.resync();
  }
}
