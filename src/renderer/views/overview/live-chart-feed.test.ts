import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sample } from '../../../shared/sample.js';
import { TimeSeriesChart } from '../../lib/charts/time-series-chart.js';
import { SampleBuffer } from '../../lib/state/sample-buffer.js';
import { LiveChartFeed, pointsOf } from './live-chart-feed.js';

const MIN = 60_000;
const T0 = 1_800_000_000_000;
const charts: TimeSeriesChart[] = [];

function chartFor(keys: string[]) {
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const chart = new TimeSeriesChart(canvas, { unit: 'percent', series: keys.map((key) => ({ key, label: key })) });
  charts.push(chart);
  return chart;
}

function xs(chart: TimeSeriesChart, key: string) {
  return chart.points(key).map((p) => p.x);
}

function xRange(chart: TimeSeriesChart) {
  const { from, to } = chart.xRange();
  return [from, to];
}

/** Samples every minute for `count` minutes, ending at T0. */
function minutes(count: number, values: (i: number) => Record<string, number> = (i) => ({ a: i })): SampleBuffer {
  const buffer = new SampleBuffer(60 * MIN);
  for (let i = count - 1; i >= 0; i -= 1) buffer.push({ ts: T0 - i * MIN, values: values(i) });
  return buffer;
}

afterEach(() => {
  for (const chart of charts.splice(0)) chart.destroy();
});

describe('LiveChartFeed', () => {
  it('rebuilds a series from the buffer for its window and ends the x-range at the newest sample', () => {
    const chart = chartFor(['a']);
    const rebuilt = vi.fn();
    const feed = new LiveChartFeed(chart, [{ key: 'a', label: 'a' }], minutes(30), 10 * MIN, {
      onRebuild: rebuilt,
      now: () => T0 - 5000,
    });
    feed.rebuild();
    expect(xs(chart, 'a')).toHaveLength(11);
    expect(xs(chart, 'a')[0]).toBe(T0 - 10 * MIN);
    expect(xRange(chart)).toEqual([T0 - 10 * MIN, T0]);
    expect(rebuilt).toHaveBeenCalledTimes(1);

    feed.setWindow(20 * MIN);
    expect(xs(chart, 'a')).toHaveLength(21);
    feed.setWindow(20 * MIN);
    expect(rebuilt).toHaveBeenCalledTimes(2);
  });

  it('appends each tick in place, slides the window and breaks the line at a gap', () => {
    const chart = chartFor(['a']);
    const feed = new LiveChartFeed(chart, [{ key: 'a', label: 'a' }], minutes(5), 5 * MIN, { now: () => T0 });
    feed.rebuild();
    const held = chart.points('a');
    expect(held).toHaveLength(5);

    feed.sample({ ts: T0 + 2 * MIN, values: { a: 50 } });
    expect(chart.points('a')).toBe(held);
    // The window is now [T0 - 3 min, T0 + 2 min]: the oldest point slid out.
    expect(xs(chart, 'a')).toEqual([T0 - 3 * MIN, T0 - 2 * MIN, T0 - MIN, T0, T0 + 2 * MIN]);
    expect(xRange(chart)).toEqual([T0 - 3 * MIN, T0 + 2 * MIN]);

    feed.sample({ ts: T0 + 10 * MIN, values: { a: 7 }, gapBefore: true });
    expect(chart.points('a')).toEqual([
      { x: T0 + 10 * MIN - 1, y: null },
      { x: T0 + 10 * MIN, y: 7 },
    ]);
  });

  it('draws a missing hot value as a break, but skips a missing slow one', () => {
    const chart = chartFor(['cpu.total', 'temp.cpu']);
    const series = [
      { key: 'cpu.total', label: 'CPU' },
      { key: 'temp.cpu', label: 'Temperature' },
    ];
    const feed = new LiveChartFeed(chart, series, new SampleBuffer(MIN), 5 * MIN);
    feed.sample({ ts: T0, values: { 'cpu.total': 5, 'temp.cpu': 40 } });
    feed.sample({ ts: T0 + 1000, values: {} });
    feed.sample({ ts: T0 + 2000, values: { 'cpu.total': 6, 'temp.cpu': 41 } });
    expect(chart.points('cpu.total').map((p) => p.y)).toEqual([5, null, 6]);
    expect(chart.points('temp.cpu').map((p) => p.y)).toEqual([40, 41]);
  });

  it('redraws a chart of slow metrics only when one of them was measured', () => {
    const chart = chartFor(['temp.cpu']);
    const render = vi.spyOn(chart, 'render');
    const feed = new LiveChartFeed(chart, [{ key: 'temp.cpu', label: 't' }], new SampleBuffer(MIN), 5 * MIN);
    feed.sample({ ts: T0, values: { 'cpu.total': 1 } });
    expect(render).not.toHaveBeenCalled();
    feed.sample({ ts: T0 + 1000, values: { 'cpu.total': 1 }, gapBefore: true });
    feed.sample({ ts: T0 + 60_000, values: { 'temp.cpu': 50 } });
    expect(render).toHaveBeenCalledTimes(1);
    expect(chart.points('temp.cpu')).toEqual([{ x: T0 + 60_000, y: 50 }]);
  });
});

describe('sub-pixel redraws', () => {
  /** Counts redraws; the feed's bookkeeping is what is under test here. */
  function recorder() {
    const ranges: number[][] = [];
    const chart = {
      setSeries: vi.fn(),
      append: vi.fn(),
      trimBefore: vi.fn(),
      setXRange: (from: number, to: number) => ranges.push([from, to]),
      render: vi.fn(),
    };
    return { chart, ranges };
  }
  const tick = (feed: LiveChartFeed, i: number, gapBefore = false) =>
    feed.sample({ ts: T0 + i * 1000, values: { a: i }, gapBefore });

  it('skips every other redraw while a second moves the window less than a pixel, taking turns', () => {
    // 15 minutes on 450 px: 2 s per pixel.
    const even = recorder();
    const odd = recorder();
    const options = { plotWidth: () => 450, now: () => T0 };
    const a = new LiveChartFeed(even.chart, [{ key: 'a', label: 'a' }], new SampleBuffer(MIN), 15 * MIN, {
      ...options,
      phase: 0,
    });
    const b = new LiveChartFeed(odd.chart, [{ key: 'a', label: 'a' }], new SampleBuffer(MIN), 15 * MIN, {
      ...options,
      phase: 1,
    });
    a.rebuild();
    b.rebuild();
    for (let i = 1; i <= 6; i += 1) {
      tick(a, i);
      tick(b, i);
    }
    // The rebuild at 0 s, then every other second, one chart on odd seconds and one on even.
    expect(even.ranges.map(([, to]) => (to! - T0) / 1000)).toEqual([0, 1, 3, 5]);
    expect(odd.ranges.map(([, to]) => (to! - T0) / 1000)).toEqual([0, 2, 4, 6]);
    expect(even.chart.render).toHaveBeenCalledTimes(4);
    // Every point is kept, drawn or not.
    expect(even.chart.append).toHaveBeenCalledTimes(6);
  });

  it('redraws every tick when a second is a pixel or more, after a gap, or without a known width', () => {
    const fine = recorder();
    const feed = new LiveChartFeed(fine.chart, [{ key: 'a', label: 'a' }], new SampleBuffer(MIN), 5 * MIN, {
      plotWidth: () => 450,
    });
    for (let i = 1; i <= 4; i += 1) tick(feed, i);
    expect(fine.chart.render).toHaveBeenCalledTimes(4);

    const coarse = recorder();
    const gapped = new LiveChartFeed(coarse.chart, [{ key: 'a', label: 'a' }], new SampleBuffer(MIN), 60 * MIN, {
      plotWidth: () => 450,
    });
    tick(gapped, 1);
    tick(gapped, 2, true);
    expect(coarse.chart.render).toHaveBeenCalledTimes(2);

    const unknown = recorder();
    const unsized = new LiveChartFeed(unknown.chart, [{ key: 'a', label: 'a' }], new SampleBuffer(MIN), 60 * MIN);
    for (let i = 1; i <= 4; i += 1) tick(unsized, i);
    expect(unknown.chart.render).toHaveBeenCalledTimes(4);
  });
});

describe('pointsOf', () => {
  const samples: Sample[] = [
    { ts: 1, values: { 'temp.cpu': 40, 'cpu.total': 1 } },
    { ts: 2, values: { 'cpu.total': 2 } },
    { ts: 3, values: { 'cpu.total': 3 }, gapBefore: true },
    { ts: 4, values: { 'temp.cpu': 42, 'cpu.total': 4 } },
  ];

  it('carries a gap seen while a slow series had no value to its next point', () => {
    expect(pointsOf(samples, 'temp.cpu', true)).toEqual([
      { x: 1, y: 40 },
      { x: 3, y: null },
      { x: 4, y: 42 },
    ]);
  });

  it('puts a break before the first point after a gap', () => {
    expect(pointsOf(samples, 'cpu.total', false).map((p) => p.y)).toEqual([1, 2, null, 3, 4]);
  });
});
