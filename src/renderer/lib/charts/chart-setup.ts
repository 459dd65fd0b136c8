/**
 * Registers only the Chart.js parts the dashboard draws with (line charts on a linear time axis,
 * the min/max band filler, decimation, tooltips), which keeps the bundle small.
 */
import { Chart, Decimation, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

let registered = false;

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Decimation, Tooltip);
    registered = true;
  }
  return Chart;
}
