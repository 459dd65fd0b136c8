/**
 * Registers only the Chart.js parts the dashboard draws with (line charts on a time axis, the
 * min/max band filler, decimation, tooltips), which keeps the bundle small. The time axis does its
 * calendar arithmetic through date-fns (chartjs-adapter-date-fns registers itself on import).
 */
import 'chartjs-adapter-date-fns';
import {
  Chart,
  Decimation,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
} from 'chart.js';

let registered = false;

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Filler, Decimation, Tooltip);
    registered = true;
  }
  return Chart;
}
