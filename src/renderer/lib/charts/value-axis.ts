/**
 * A chart's value axis: labels in the product's units (see shared/units.ts), with whole
 * percentages and degrees where the tick is whole (`20 %` rather than `20.0 %`), and, for sizes
 * and rates, ticks on round IEC values (1, 2, 5, 10… KiB, MiB) rather than round decimal bytes,
 * which read as 1.9 KiB, 3.9 KiB.
 *
 * @example
 * formatAxis('percent', 20) // '20 %'
 * formatAxis('bytes_per_second', 1_572_864) // '1.5 MiB/s'
 * iecStep(6000) // 2048: ticks at 0, 2 KiB, 4 KiB, 6 KiB
 * formatAxis('bytes_per_second', 20 * 1024 ** 2) // '20 MiB/s'
 */
import type { Scale } from 'chart.js';
import type { Unit } from '../../../shared/metrics.js';
import { formatCount, formatParts } from '../../../shared/units.js';

export function formatAxis(unit: Unit | undefined, value: number): string {
  if ((unit === 'percent' || unit === 'celsius') && Number.isInteger(value)) {
    return `${formatCount(value)} ${unit === 'percent' ? '%' : '°C'}`;
  }
  const { number, unit: symbol } = formatParts(unit, value);
  // Ticks sit on round values: "20 MiB/s" reads better on an axis than "20.0 MiB/s".
  const short = number.replace(/[.,]0$/, '');
  return symbol ? `${short} ${symbol}` : short;
}

const NICE = [0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1024];

/**
 * The tick step for a byte axis up to `max`: a 1-2-5 multiple (or a half, a quarter, a tenth) of
 * the unit `max` is written in, so every tick is a round number in that unit; about `count` ticks.
 */
export function iecStep(max: number, count = 4): number {
  if (!(max > 0)) return 1;
  const unit = 1024 ** Math.max(0, Math.floor(Math.log2(max) / 10));
  const scaled = max / count / unit;
  const nice = NICE.find((n) => n >= scaled && (unit > 1 || n >= 1)) ?? 1024;
  return nice * unit;
}

/** Whether a unit's axis gets IEC ticks. */
export function isByteUnit(unit: Unit | undefined): boolean {
  return unit === 'bytes' || unit === 'bytes_per_second';
}

/** Scale hooks that put a byte axis's top and its ticks on round IEC values. */
export function byteAxisHooks(): { afterDataLimits: (scale: Scale) => void; afterBuildTicks: (scale: Scale) => void } {
  let step = 1;
  return {
    afterDataLimits: (scale) => {
      step = iecStep(scale.max);
      scale.max = Math.max(step, Math.ceil(scale.max / step) * step);
    },
    afterBuildTicks: (scale) => {
      // Chart.js moved the top to its own (decimal) last tick meanwhile: put it back on a step.
      scale.max = Math.max(step, Math.ceil(scale.max / step - 1e-9) * step);
      const ticks = [];
      for (let i = 0; i * step <= scale.max; i += 1) ticks.push({ value: i * step });
      scale.ticks = ticks;
    },
  };
}
