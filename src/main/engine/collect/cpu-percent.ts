/**
 * CPU percentages from two readings of cumulative CPU time (jiffies on Linux, ms from
 * os.cpus() elsewhere). Pure, shared by the Linux and the portable CPU collectors.
 *
 * Buckets: user = user + nice; system = system + irq + softirq (all kernel time); iowait alone;
 * busy = everything except idle and iowait, so steal counts as busy (the vCPU was not ours to use).
 * guest/guest_nice are already inside user/nice in /proc/stat and are not counted again.
 *
 * @example
 * cpuPercents(before, after) // { total: 30, user: 20, system: 10, iowait: 5 }
 */

export interface CpuTimes {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
}

export interface CpuPercents {
  readonly total: number;
  readonly user: number;
  readonly system: number;
  readonly iowait: number;
}

const FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

function sum(times: CpuTimes): number {
  let total = 0;
  for (const field of FIELDS) total += times[field];
  return total;
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/**
 * Percentages of the interval between `previous` and `current`, or undefined when they cannot be
 * compared: the total went backwards (reboot, CPU re-onlined with fresh counters) or no time passed.
 */
export function cpuPercents(previous: CpuTimes, current: CpuTimes): CpuPercents | undefined {
  if (sum(current) < sum(previous)) return undefined;
  // Single fields may step back slightly (iowait is known to on tickless kernels): clamp them
  // rather than dropping the whole reading.
  const d = (field: (typeof FIELDS)[number]): number => Math.max(0, current[field] - previous[field]);
  const delta: CpuTimes = {
    user: d('user'),
    nice: d('nice'),
    system: d('system'),
    idle: d('idle'),
    iowait: d('iowait'),
    irq: d('irq'),
    softirq: d('softirq'),
    steal: d('steal'),
  };
  const total = sum(delta);
  if (total <= 0) return undefined;
  const pct = (part: number): number => clampPercent((part * 100) / total);
  return {
    total: pct(total - delta.idle - delta.iowait),
    user: pct(delta.user + delta.nice),
    system: pct(delta.system + delta.irq + delta.softirq),
    iowait: pct(delta.iowait),
  };
}
