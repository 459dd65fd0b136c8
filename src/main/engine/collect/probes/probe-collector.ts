/**
 * Latency probes (settings `probes`): a TCP connect to each target every `interval`, reported as
 * `probe.connect_seconds[<name>]` when it connects and `probe.loss_pct[<name>]`: 0 when it
 * connected, 100 when it did not (refused, unreachable, or no answer within `timeout`), so a
 * minute's average is the loss rate. Attempts run beside sampling and never hold a tick up: a
 * tick reports the attempts finished since the previous one and starts those that are due.
 *
 * @example
 * const probes = new ProbeCollector({ clock });
 * probes.configure({ targets: [{ host: '127.0.0.1', port: 5432, name: 'db' }], interval: 10_000, timeout: 2000 });
 * await probes.collect(clock.mono()); // { 'probe.connect_seconds[db]': 0.0004, 'probe.loss_pct[db]': 0 } once one finished
 */
import { seriesKey } from '../../../../shared/metrics.js';
import type { ProbeSettings, ProbeTarget } from '../../../../shared/probe-settings.js';
import type { Clock } from '../../schedule/clock.js';
import type { Collector, Values } from '../types.js';
import { tcpConnect, type ConnectResult } from './tcp-connect.js';

interface TargetState {
  readonly target: ProbeTarget;
  /** When the last attempt started (monotonic ms); -Infinity before the first. */
  started: number;
  running: boolean;
  /** Finished and not reported yet. */
  done: ConnectResult | null;
}

export interface ProbeCollectorOptions {
  readonly clock: Pick<Clock, 'mono'>;
  /** Injected in tests; defaults to a real TCP connect. */
  readonly connect?: typeof tcpConnect;
}

export class ProbeCollector implements Collector {
  readonly name = 'probes';
  readonly cadence = 'hot';
  private states: TargetState[] = [];
  private settings: Pick<ProbeSettings, 'interval' | 'timeout'> = { interval: 10_000, timeout: 2000 };
  private readonly inFlight = new Set<Promise<void>>();
  private readonly connect: typeof tcpConnect;

  constructor(private readonly options: ProbeCollectorOptions) {
    this.connect = options.connect ?? tcpConnect;
  }

  /** New targets start at once; a target kept keeps its schedule. */
  configure(settings: Pick<ProbeSettings, 'targets' | 'interval' | 'timeout'>): void {
    this.settings = settings;
    const before = new Map(this.states.map((s) => [s.target.name, s]));
    this.states = settings.targets.map((target) => {
      const kept = before.get(target.name);
      const same = kept && kept.target.host === target.host && kept.target.port === target.port;
      return same ? kept : { target, started: Number.NEGATIVE_INFINITY, running: false, done: null };
    });
  }

  async collect(monoMs: number): Promise<Values> {
    const values: Values = {};
    for (const state of this.states) {
      const { name } = state.target;
      if (state.done) {
        const result = state.done;
        state.done = null;
        if ('seconds' in result) values[seriesKey('probe.connect_seconds', name)] = result.seconds;
        values[seriesKey('probe.loss_pct', name)] = 'seconds' in result ? 0 : 100;
      }
      if (!state.running && monoMs - state.started >= this.settings.interval) this.start(state, monoMs);
    }
    return values;
  }

  reset(): void {
    // A result across a gap is still a result: nothing to forget.
  }

  /** Waits for attempts in flight (each ends by its timeout at the latest). */
  async close(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private start(state: TargetState, monoMs: number): void {
    state.started = monoMs;
    state.running = true;
    const { host, port } = state.target;
    const attempt = this.connect(host, port, this.settings.timeout, this.options.clock).then((result) => {
      state.running = false;
      state.done = result;
      this.inFlight.delete(attempt);
    });
    this.inFlight.add(attempt);
  }
}
