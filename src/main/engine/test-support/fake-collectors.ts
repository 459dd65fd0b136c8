/**
 * Deterministic collectors for tests of a real engine: everything else is real, only the hardware
 * is not. CPU cycles 0, 10, … 90 %; memory stays at 50 %; the slow set reports a disk at 42 %.
 *
 * @example
 * const engine = await Engine.open({ paths, settings, log, collectors: fakeCollectors() });
 */
import type { Collector } from '../collect/types.js';

export function fakeCollectors(): { hot: Collector[]; slow: Collector[] } {
  let n = 0;
  return {
    hot: [
      {
        name: 'fake-cpu',
        cadence: 'hot',
        collect: async () => ({ 'cpu.total': (n++ % 10) * 10, 'mem.percent': 50 }),
        reset: () => {},
      },
    ],
    slow: [{ name: 'fake-disk', cadence: 'slow', collect: async () => ({ 'disk.used_pct': 42 }), reset: () => {} }],
  };
}
