/**
 * Labels of a chart's value axis: the product's units (see shared/units.ts), with whole
 * percentages and degrees where the tick is whole (`20 %` rather than `20.0 %`).
 *
 * @example
 * formatAxis('percent', 20) // '20 %'
 * formatAxis('bytes_per_second', 1_048_576) // '1.0 MiB/s'
 */
import type { Unit } from '../../../shared/metrics.js';
import { formatCount, formatUnit } from '../../../shared/units.js';

export function formatAxis(unit: Unit | undefined, value: number): string {
  if ((unit === 'percent' || unit === 'celsius') && Number.isInteger(value)) {
    return `${formatCount(value)} ${unit === 'percent' ? '%' : '°C'}`;
  }
  return formatUnit(unit, value);
}
