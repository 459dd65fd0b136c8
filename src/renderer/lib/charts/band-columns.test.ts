import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Chart } from 'chart.js';
import type { Point } from './chart-types.js';
import { TimeSeriesChart } from './time-series-chart.js';

const charts: TimeSeriesChart[] = [];

afterEach(() => {
  for (const chart of charts.splice(0)) chart.destroy();
  document.body.innerHTML = '';
});

function chart(bandColumns: boolean): { chart: TimeSeriesChart; fillRect: ReturnType<typeof vi.fn> } {
  const box = document.createElement('div');
  box.style.width = '400px';
  box.style.height = '200px';
  const canvas = document.createElement('canvas');
  box.append(canvas);
  document.body.append(box);
  const instance = new TimeSeriesChart(canvas, {
    unit: 'percent',
    series: [{ key: 'cpu.total', label: 'CPU busy' }],
    band: true,
    bandColumns,
    lineWidth: 1,
  });
  charts.push(instance);
  // jsdom lays nothing out, so give the chart a size to draw into.
  chartJs(instance).resize(400, 200);
  const fillRect = vi.fn();
  // The test setup's canvas context records assignments, so the spy replaces the no-op.
  (chartJs(instance).ctx as unknown as { fillRect: unknown }).fillRect = fillRect;
  return { chart: instance, fillRect };
}

/** Chart.js's chart inside, which only lib/charts' own tests look at. */
function chartJs(instance: TimeSeriesChart): Chart<'line', Point[]> {
  return (instance as unknown as { chart: Chart<'line', Point[]> }).chart;
}

const points = (ys: (number | null)[]) => ys.map((y, i) => ({ x: i * 1000, y }));

describe('the history band drawn as columns', () => {
  it('fills one column per run of points, breaking at gaps, under hairline lines', () => {
    const { chart: c, fillRect } = chart(true);
    c.setSeries('cpu.total', points([10, 20, null, 40]), {
      min: points([5, 15, null, 35]),
      max: points([15, 25, null, 45]),
    });
    c.setXRange(0, 3000);
    c.render();
    // Two points before the gap, one after: three columns.
    expect(fillRect).toHaveBeenCalledTimes(3);
    const [first, second] = fillRect.mock.calls as number[][];
    // The first column reaches the second; the second stops at the gap rather than spanning it.
    expect(first![0]! + first![2]!).toBe(second![0]);
    expect(second![2]).toBe(first![2]);
    const line = chartJs(c).data.datasets.find((d) => d.label === 'CPU busy')!;
    expect(line.borderWidth).toBe(1);
    expect(chartJs(c).data.datasets.find((d) => d.label === 'CPU busy max')!.fill).toBe(false);
  });

  it('leaves the area fill alone by default', () => {
    const { chart: c, fillRect } = chart(false);
    c.setSeries('cpu.total', points([10, 20]), { min: points([5, 15]), max: points([15, 25]) });
    c.render();
    expect(fillRect).not.toHaveBeenCalled();
    expect(chartJs(c).data.datasets.find((d) => d.label === 'CPU busy max')!.fill).toBe('-1');
  });
});
