/**
 * Parses the `cpu` lines of /proc/stat: the aggregate and each online CPU, in jiffies.
 * Offline CPUs have no line, so core indices can have holes; they keep the kernel's numbering.
 *
 * @example
 * parseProcStat('cpu  10 0 5 80 2 0 1 0 0 0\ncpu0 10 0 5 80 2 0 1 0 0 0\n')
 * // { total: { user: 10, ... }, cores: [{ index: 0, times: { user: 10, ... } }] }
 */
import type { CpuTimes } from '../cpu-percent.js';

export interface ProcStat {
  readonly total: CpuTimes | undefined;
  readonly cores: ReadonlyArray<{ readonly index: number; readonly times: CpuTimes }>;
}

function toTimes(fields: readonly string[]): CpuTimes {
  // Older kernels print fewer columns (no steal before 2.6.11): missing ones are zero.
  const at = (i: number): number => {
    const value = Number(fields[i] ?? 0);
    return Number.isFinite(value) ? value : 0;
  };
  return {
    user: at(0),
    nice: at(1),
    system: at(2),
    idle: at(3),
    iowait: at(4),
    irq: at(5),
    softirq: at(6),
    steal: at(7),
  };
}

export function parseProcStat(text: string): ProcStat {
  let total: CpuTimes | undefined;
  const cores: Array<{ index: number; times: CpuTimes }> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) continue;
    const [name, ...fields] = line.trim().split(/\s+/);
    if (name === 'cpu') total = toTimes(fields);
    else if (name !== undefined && /^cpu\d+$/.test(name))
      cores.push({ index: Number(name.slice(3)), times: toTimes(fields) });
  }
  return { total, cores };
}
