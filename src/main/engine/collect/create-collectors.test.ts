/**
 * Smoke tests: every collector on every OS variant emits only catalogued series, with finite
 * numbers, on the cadence the catalogue declares. The non-Linux variants run here against
 * systeminformation's Linux code paths, which is enough to check the key mapping and wiring.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownSeries, metricInfo } from '../../../shared/metrics.js';
import { createCollectors } from './create-collectors.js';
import type { Collector, Values } from './types.js';

function problems(collector: Collector, values: Values): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!isKnownSeries(key)) found.push(`${collector.name}: unknown series ${key}`);
    else if (metricInfo(key)?.cadence !== collector.cadence)
      found.push(`${collector.name}: ${key} is not ${collector.cadence}`);
    if (typeof value !== 'number' || !Number.isFinite(value))
      found.push(`${collector.name}: ${key} = ${String(value)}`);
  }
  return found;
}

/** Lets CPU counters (10 ms jiffies) advance between ticks; nothing asserts on how long anything takes. */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));

async function runAll(
  collectors: readonly Collector[],
  ticks: number,
): Promise<{ values: Values; problems: string[] }> {
  const values: Values = {};
  const found: string[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    if (tick > 0) await pause();
    for (const collector of collectors) {
      const v = await collector.collect(tick * 1000);
      found.push(...problems(collector, v));
      Object.assign(values, v);
    }
  }
  return { values, problems: found };
}

describe('createCollectors', () => {
  it('picks per-OS variants', () => {
    const names = (p: NodeJS.Platform): { hot: string[]; slow: string[] } => {
      const set = createCollectors({ platform: p });
      return { hot: set.hot.map((c) => c.name), slow: set.slow.map((c) => c.name) };
    };
    const slow = ['mounts', 'temperature', 'battery', 'gpu'];
    const sensors = ['hwmon', 'rapl', 'cpu-freq', 'battery-health', 'uptime', 'memory-detail'];
    expect(names('linux')).toEqual({
      hot: ['cpu', 'load', 'memory', 'network', 'disk-io'],
      slow: [...slow, ...sensors],
    });
    const portable = [...slow, 'uptime', 'memory-detail'];
    expect(names('darwin')).toEqual({ hot: ['cpu', 'load', 'memory', 'network', 'disk-io'], slow: portable });
    expect(names('win32')).toEqual({ hot: ['cpu', 'memory', 'network'], slow: portable });
    const linux = createCollectors({ platform: 'linux' });
    expect(linux.hot.every((c) => c.cadence === 'hot') && linux.slow.every((c) => c.cadence === 'slow')).toBe(true);
    expect(linux.hot[0]?.constructor.name).toBe('LinuxCpuCollector');
    expect(createCollectors({ platform: 'darwin' }).hot[0]?.constructor.name).toBe('OsCpuCollector');
  });

  it.skipIf(process.platform !== 'linux')(
    'Linux set: catalogued keys and finite values from the real machine',
    async () => {
      const { hot, slow } = createCollectors();
      const hotRun = await runAll(hot, 2);
      const slowRun = await runAll(slow, 1);
      await Promise.all([...hot, ...slow].map((c) => c.close?.()));
      expect([...hotRun.problems, ...slowRun.problems]).toEqual([]);
      expect(hotRun.values).toHaveProperty('cpu.total');
      expect(hotRun.values).toHaveProperty('mem.percent');
      expect(slowRun.values).toHaveProperty('disk.used_pct');
    },
  );

  it('portable sets (darwin, win32 wiring): catalogued keys and finite values', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { hot, slow } = createCollectors({ platform });
      const hotRun = await runAll(hot, 2);
      const slowRun = await runAll(slow, 1);
      expect([...hotRun.problems, ...slowRun.problems], platform).toEqual([]);
      expect(hotRun.values, platform).toHaveProperty('cpu.total');
      expect(hotRun.values, platform).toHaveProperty('mem.total');
    }
  });

  it('reads procfs where DASHLIGHT_PROCFS says (a host /proc mounted in a container, or a test)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dashlight-procfs-'));
    const cpu = createCollectors({ platform: 'linux', env: { DASHLIGHT_PROCFS: root } }).hot[0]!;
    await writeFile(join(root, 'stat'), 'cpu  100 0 0 900 0 0 0 0 0 0\n');
    expect(await cpu.collect(0)).toEqual({});
    await writeFile(join(root, 'stat'), 'cpu  175 0 0 925 0 0 0 0 0 0\n');
    expect(await cpu.collect(1000)).toEqual({ 'cpu.total': 75, 'cpu.user': 75, 'cpu.system': 0, 'cpu.iowait': 0 });
    await cpu.close?.();
  });
});
