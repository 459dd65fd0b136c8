/**
 * CPU busy percentages from os.cpus() time deltas (macOS, Windows, BSD): no process spawned.
 * os.cpus() has no iowait or steal, so cpu.iowait is not emitted; irq time counts as system.
 *
 * @example
 * const cpu = new OsCpuCollector();
 * await cpu.collect(0); // {} (primed)
 * await cpu.collect(1000); // { 'cpu.total': 12.5, 'cpu.user': 8, 'cpu.system': 4.5, 'cpu.core[0]': 20, ... }
 */
import { cpus as nodeCpus, type CpuInfo } from 'node:os';
import { seriesKey } from '../../../../shared/metrics.js';
import { cpuPercents, type CpuTimes } from '../cpu-percent.js';
import type { Collector, Values } from '../types.js';

export interface OsCpuOptions {
  /** Injected in tests; defaults to os.cpus. */
  readonly cpus?: () => readonly Pick<CpuInfo, 'times'>[];
}

function toTimes(t: CpuInfo['times']): CpuTimes {
  return { user: t.user, nice: t.nice, system: t.sys, idle: t.idle, iowait: 0, irq: t.irq, softirq: 0, steal: 0 };
}

function add(a: CpuTimes, b: CpuTimes): CpuTimes {
  return {
    user: a.user + b.user,
    nice: a.nice + b.nice,
    system: a.system + b.system,
    idle: a.idle + b.idle,
    iowait: 0,
    irq: a.irq + b.irq,
    softirq: 0,
    steal: 0,
  };
}

export class OsCpuCollector implements Collector {
  readonly name = 'cpu';
  readonly cadence = 'hot';
  private readonly cpus: () => readonly Pick<CpuInfo, 'times'>[];
  private previous: { total: CpuTimes; cores: CpuTimes[] } | undefined;

  constructor(options: OsCpuOptions = {}) {
    this.cpus = options.cpus ?? nodeCpus;
  }

  async collect(): Promise<Values> {
    const cores = this.cpus().map((c) => toTimes(c.times));
    const first = cores[0];
    if (first === undefined) return {};
    const total = cores.slice(1).reduce(add, first);
    const before = this.previous;
    this.previous = { total, cores };
    const values: Values = {};
    if (!before) return values;
    const pct = cpuPercents(before.total, total);
    if (pct && before.cores.length === cores.length) {
      values['cpu.total'] = pct.total;
      values['cpu.user'] = pct.user;
      values['cpu.system'] = pct.system;
    }
    cores.forEach((times, i) => {
      const prev = before.cores[i];
      const corePct = prev && cpuPercents(prev, times);
      if (corePct) values[seriesKey('cpu.core', String(i))] = corePct.total;
    });
    return values;
  }

  reset(): void {
    this.previous = undefined;
  }
}
