/**
 * The sensors card's readings. Sensors are read on the slow cadence (a minute by default), so
 * when the Overview opens the last ten minutes of history are asked for them; after that every
 * sample that carries a sensor updates it (the live subscription asks for them: sensor-series.ts).
 *
 * @example
 * const sensors = app.view(SensorsState);
 * const stop = sensors.watch();
 */
import type { AppState } from '../../lib/app-context.js';
import { isSensorKey } from '../../lib/state/sensor-series.js';
import { sensorGroups } from './sensor-groups.js';

const LOOKBACK_MS = 10 * 60_000;

export class SensorsState {
  values = $state.raw<Readonly<Record<string, number>>>({});
  readonly groups = $derived(sensorGroups(this.values));

  constructor(private readonly app: AppState) {}

  watch(): () => void {
    void this.recall();
    return this.app.live.subscribe({
      sample: (sample) => this.take(sample.values),
      resync: () => {},
    });
  }

  /** The newest value of every sensor recorded in the last ten minutes. */
  private async recall(): Promise<void> {
    const client = this.app.client;
    const to = Date.now();
    const from = to - LOOKBACK_MS;
    try {
      const stats = await client.stats({ from, to });
      const keys = Object.keys(stats.metrics).filter(isSensorKey).slice(0, 64);
      if (keys.length === 0) return;
      const history = await client.history({ series: keys, from, to, maxPoints: 20 });
      const found: Record<string, number> = {};
      for (const [key, series] of Object.entries(history.series)) {
        for (let i = series.avg.length - 1; i >= 0; i--) {
          const value = series.avg[i];
          if (value !== null && value !== undefined) {
            found[key] = value;
            break;
          }
        }
      }
      // Readings that arrived meanwhile are newer than history's.
      this.values = { ...found, ...this.values };
    } catch {
      // The card fills from live samples instead.
    }
  }

  private take(values: Readonly<Record<string, number>>): void {
    let changed: Record<string, number> | null = null;
    for (const key in values) {
      if (!isSensorKey(key)) continue;
      changed ??= { ...this.values };
      changed[key] = values[key]!;
    }
    if (changed) this.values = changed;
  }
}
