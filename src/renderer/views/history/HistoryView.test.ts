import { cleanup, fireEvent, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryResult, Tier } from '../../../shared/queries.js';
import type { AppState } from '../../lib/app-context.js';
import { fakeClient, type FakeClient } from '../../test-support/fake-client.js';
import { renderApp } from '../../test-support/render-app.js';
import HistoryView from '../HistoryView.svelte';
import { PREFS_KEY } from './history-prefs.js';
import { HISTORY_PAINT_MEASURE, HistoryState, REFRESH_MS } from './history-state.svelte.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Query {
  series: string[];
  from: number;
  to: number;
  maxPoints: number;
}

/** An answer for `input`: every series gets `avg` spread over the range, with a band when aggregated. */
function answer(
  input: Query,
  { tier = '1m', aggregated = tier !== 'raw', bucketMs = tier === 'raw' ? 2000 : 60_000, avg = [10, 20, 30] } = {} as {
    tier?: Tier;
    aggregated?: boolean;
    bucketMs?: number;
    avg?: (number | null)[];
  },
): HistoryResult {
  const step = (input.to - input.from) / avg.length;
  const t = avg.map((_, i) => Math.round(input.from + i * step));
  const shift = (d: number) => avg.map((v) => (v === null ? null : v + d));
  return {
    from: input.from,
    to: input.to,
    tier,
    bucketMs,
    aggregated,
    series: Object.fromEntries(
      input.series.map((key) => [key, aggregated ? { t, avg, min: shift(-5), max: shift(5) } : { t, avg }]),
    ),
  };
}

let client: FakeClient;
let app: AppState;

/** The view in a fresh app; `historyState()` reaches its state. */
function show() {
  const result = renderApp(HistoryView, { client });
  app = result.app;
  return result;
}

const historyState = () => app.view(HistoryState);

/** What a datetime-local field holds for `ts`, in this machine's zone. */
function localInput(ts: number): string {
  const d = new Date(ts);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

function lastQuery(): Query {
  return client.history.mock.calls.at(-1)![0] as Query;
}

async function queries(count: number): Promise<void> {
  await vi.waitFor(() => expect(client.history).toHaveBeenCalledTimes(count));
}

/** The text of the elements an element's aria-describedby names. */
function description(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

function band(part: 'min' | 'max') {
  return historyState().chartFor('percent')!.points('cpu.total', part);
}

beforeEach(() => {
  localStorage.clear();
  window.location.hash = '#/history';
  client = fakeClient();
  client.respond('latest', { ts: Date.now(), values: { 'cpu.total': 5, 'cpu.core[0]': 7, 'net.rx[eth0]': 100 } });
  client.respond('history', (input) => answer(input as Query));
  // The side panel asks who was busy; these tests are about the charts.
  client.respond('topProcesses', (input) => ({
    ...(input as { from: number; to: number; by: 'cpu' }),
    bucketMs: 60_000,
    coveredMs: 0,
    cores: 4,
    totalCpuSeconds: 0,
    apps: [],
  }));
});

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('HistoryView', () => {
  it('asks for the last 24 hours of the default series, within the point budget, and names the tier', async () => {
    show();
    await queries(1);
    const first = lastQuery();
    expect(first.series).toEqual(['cpu.total', 'mem.percent', 'net.rx', 'net.tx']);
    expect(first.to - first.from).toBe(DAY);
    expect(Math.abs(first.to - Date.now())).toBeLessThan(5000);
    expect(first.maxPoints).toBeGreaterThanOrEqual(200);
    expect(first.maxPoints).toBeLessThanOrEqual(4000);
    expect(
      (await screen.findByText('1-minute averages with min–max band · 3 points per series')).getAttribute('role'),
    ).toBe('status');
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('true');
    // One chart per unit: percent (CPU, memory) and bytes per second (network).
    expect(screen.getByRole('img', { name: /^Percent: CPU busy, Memory used — 24 hours to / }).isConnected).toBe(true);
    expect(
      screen.getByRole('img', { name: /^Bytes per second: Network in, Network out — 24 hours to / }).isConnected,
    ).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: '6 h' }));
    await queries(2);
    expect(lastQuery().to - lastQuery().from).toBe(6 * HOUR);
    expect(screen.getByRole('button', { name: '6 h' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('false');

    client.respond('history', (input) => answer(input as Query, { tier: 'raw' }));
    await userEvent.click(screen.getByRole('button', { name: '1 y' }));
    await queries(3);
    expect(lastQuery().to - lastQuery().from).toBe(365 * DAY);
    expect((await screen.findByText('raw samples every 2 s · 3 points per series')).isConnected).toBe(true);
  });

  it('draws a null average as a gap, and the band only for aggregated answers', async () => {
    client.respond('history', (input) => answer(input as Query, { avg: [10, null, 30] }));
    show();
    await screen.findByText(/1-minute averages/);
    const line = historyState().chartFor('percent')!.points('cpu.total');
    expect(line.map((p) => p.y)).toEqual([10, null, 30]);
    expect(band('max').map((p) => p.y)).toEqual([15, null, 35]);
    expect(band('min').map((p) => p.y)).toEqual([5, null, 25]);
    const x = historyState().chartFor('percent')!.xRange();
    expect(x.to - x.from).toBe(DAY);

    client.respond('history', (input) => answer(input as Query, { tier: 'raw', avg: [1, 2] }));
    await userEvent.click(screen.getByRole('button', { name: '1 h' }));
    await screen.findByText(/raw samples every 2 s/);
    expect(
      historyState()
        .chartFor('percent')!
        .points('cpu.total')
        .map((p) => p.y),
    ).toEqual([1, 2]);
    expect(band('max')).toEqual([]);
    expect(band('min')).toEqual([]);
  });

  it('ignores an answer that arrives after a newer one', async () => {
    const pending: (() => void)[] = [];
    const answers: Promise<HistoryResult>[] = [];
    client.respond('history', (input) => {
      const answered = new Promise<HistoryResult>((resolve) => {
        const q = input as Query;
        const old = q.to - q.from === DAY;
        pending.push(() => resolve(answer(q, old ? { tier: '1m', avg: [99] } : { tier: 'raw', avg: [1, 2] })));
      });
      answers.push(answered);
      return answered;
    });
    show();
    await queries(1);
    await userEvent.click(screen.getByRole('button', { name: '1 h' }));
    await queries(2);
    pending[1]!();
    await screen.findByText('raw samples every 2 s · 2 points per series');
    pending[0]!();
    // The view's own reaction to this answer was registered first, so it has run once this resolves.
    await answers[0];
    expect(screen.getByText('raw samples every 2 s · 2 points per series').isConnected).toBe(true);
    expect(
      historyState()
        .chartFor('percent')!
        .points('cpu.total')
        .map((p) => p.y),
    ).toEqual([1, 2]);
  });

  it('zooms into a dragged span, and "Reset zoom" returns to the picked range', async () => {
    show();
    await queries(1);
    const reset = screen.getByRole('button', { name: 'Reset zoom' });
    expect((reset as HTMLButtonElement).disabled).toBe(true);
    const { from } = lastQuery();
    historyState().onZoom(from + HOUR, from + 3 * HOUR);
    await queries(2);
    expect(lastQuery()).toMatchObject({ from: from + HOUR, to: from + 3 * HOUR });
    await vi.waitFor(() => expect((reset as HTMLButtonElement).disabled).toBe(false));

    await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    await queries(3);
    expect(lastQuery()).toMatchObject({ from: from + 1.5 * HOUR, to: from + 2.5 * HOUR });
    await userEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    await queries(4);
    expect(lastQuery()).toMatchObject({ from: from + HOUR, to: from + 3 * HOUR });

    await userEvent.click(reset);
    await queries(5);
    expect(lastQuery().to - lastQuery().from).toBe(DAY);
    expect((reset as HTMLButtonElement).disabled).toBe(true);
  });

  it('re-reads a range ending now every minute while visible, and not while zoomed or hidden', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      show();
      await queries(1);
      vi.advanceTimersByTime(REFRESH_MS);
      await queries(2);
      expect(lastQuery().to - lastQuery().from).toBe(DAY);

      app.live.hidden = true;
      vi.advanceTimersByTime(REFRESH_MS);
      app.live.hidden = false;
      historyState().onZoom(lastQuery().from, lastQuery().from + HOUR);
      await queries(3);
      // The refresh decides synchronously inside the timer: zoomed, so no query.
      vi.advanceTimersByTime(REFRESH_MS);
      expect(client.history).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks the custom range next to its fields before asking for it', async () => {
    show();
    await queries(1);
    await userEvent.click(screen.getByRole('button', { name: 'Custom' }));
    expect(screen.getByRole('button', { name: 'Custom' }).getAttribute('aria-pressed')).toBe('true');
    const fromField = screen.getByLabelText('From');
    const toField = screen.getByLabelText('To');
    const start = Date.now() - 3 * DAY;
    await fireEvent.input(fromField, { target: { value: localInput(start + HOUR) } });
    await fireEvent.input(toField, { target: { value: localInput(start) } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(toField.getAttribute('aria-invalid')).toBe('true');
    expect(description(toField)).toBe('The end must be after the start.');
    expect(fromField.hasAttribute('aria-invalid')).toBe(false);
    expect(client.history).toHaveBeenCalledTimes(1);

    await fireEvent.input(fromField, { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(description(fromField)).toBe('Enter a start date and time.');

    await fireEvent.input(fromField, { target: { value: localInput(start - DAY) } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await queries(2);
    const sent = lastQuery();
    expect(sent.to - sent.from).toBe(DAY);
    expect(sent.from).toBe(Math.floor((start - DAY) / 60_000) * 60_000);
    expect(toField.hasAttribute('aria-invalid')).toBe(false);
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('remembers the range and the series', async () => {
    const first = show();
    await queries(1);
    await userEvent.click(screen.getByRole('button', { name: '7 d' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Memory used' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'CPU core 0 busy' }));
    expect(JSON.parse(localStorage.getItem(PREFS_KEY)!)).toEqual({
      range: { kind: 'preset', id: '7d' },
      series: ['cpu.total', 'net.rx', 'net.tx', 'cpu.core[0]'],
    });
    first.unmount();

    client.history.mockClear();
    show();
    await queries(1);
    expect(lastQuery().series).toEqual(['cpu.total', 'net.rx', 'net.tx', 'cpu.core[0]']);
    expect(lastQuery().to - lastQuery().from).toBe(7 * DAY);
    expect(screen.getByRole('button', { name: '7 d' }).getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByRole('checkbox', { name: 'Memory used' }) as HTMLInputElement).checked).toBe(false);
  });

  it('updates a chart in place when a series of its unit is added, and mounts one for a new unit', async () => {
    show();
    await queries(1);
    await screen.findByText(/points per series/);
    const percent = historyState().chartFor('percent');
    await userEvent.click(screen.getByRole('checkbox', { name: 'CPU user' }));
    await queries(2);
    expect(historyState().chartFor('percent')).toBe(percent);
    expect(screen.getByRole('img', { name: /^Percent: CPU busy, Memory used, CPU user — / }).isConnected).toBe(true);
    await vi.waitFor(() => expect(percent!.points('cpu.user')).toHaveLength(3));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Load average 1 min' }));
    await queries(3);
    expect(screen.getByRole('img', { name: /^Load: Load average 1 min — / }).isConnected).toBe(true);
    expect(historyState().chartFor('percent')).toBe(percent);
  });

  it('preselects the series named in the address', async () => {
    window.location.hash = '#/history/cpu.core%5B0%5D';
    show();
    await queries(1);
    expect(lastQuery().series).toContain('cpu.core[0]');
    expect(((await screen.findByRole('checkbox', { name: 'CPU core 0 busy' })) as HTMLInputElement).checked).toBe(true);
  });

  it('says so when the range holds no samples, and shows errors as alerts', async () => {
    client.respond('history', (input) => answer(input as Query, { avg: [null, null] }));
    show();
    expect((await screen.findByText('No samples in this range.')).getAttribute('role')).toBe('status');

    client.fail('history', { name: 'InputError', message: 'invalid input to history: from: too early' });
    await userEvent.click(screen.getByRole('button', { name: '1 h' }));
    expect((await screen.findByRole('alert')).textContent).toContain('invalid input to history: from: too early');
  });

  it('times each answer from arrival to paint', async () => {
    show();
    await queries(1);
    const { from } = lastQuery();
    const mine = () =>
      (performance.getEntriesByName(HISTORY_PAINT_MEASURE) as PerformanceMeasure[]).filter(
        (m) => (m.detail as { from: number }).from === from,
      );
    await vi.waitFor(() => expect(mine()).toHaveLength(1));
    const [entry] = mine();
    expect(entry!.duration).toBeGreaterThanOrEqual(0);
    // Four series of three points each.
    expect(entry!.detail).toMatchObject({ points: 12, series: 4, tier: '1m' });
  });

  it('shows the chart data as a table', async () => {
    show();
    await screen.findByText(/points per series/);
    const chart = screen.getByRole('img', { name: /^Percent:/ }).closest('figure')!;
    await userEvent.click(within(chart).getByRole('button', { name: 'Show table' }));
    const table = within(chart).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Time', 'CPU busy', 'Memory used']);
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });

  it('opens at the span the record covers on a new install, and not once a range was picked', async () => {
    // Five minutes of data at the end of the day asked for.
    client.respond('history', (input) => {
      const q = input as Query;
      const start = q.to - 5 * 60_000;
      return {
        ...answer(q),
        series: { 'cpu.total': { t: [start, q.to - 60_000], avg: [4, 6], min: [3, 5], max: [5, 7] } },
      };
    });
    show();
    await queries(2);
    const fitted = lastQuery();
    expect(fitted.to - fitted.from).toBeLessThanOrEqual(6 * 60_000);
    expect(fitted.from % 60_000).toBe(0);
    await screen.findByRole('img', { name: /^Percent: .* — Since / });
    // Nothing is pressed: the span is the record's, not a preset.
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('false');
    expect(localStorage.getItem(PREFS_KEY)).toBeNull();
    cleanup();

    localStorage.setItem(PREFS_KEY, JSON.stringify({ range: { kind: 'preset', id: '24h' } }));
    client.history.mockClear();
    show();
    await queries(1);
    await screen.findByText(/points per series/);
    expect(client.history).toHaveBeenCalledTimes(1);
    expect(lastQuery().to - lastQuery().from).toBe(DAY);
  });

  it('offers the series of every mount the last hour recorded, not only those in the latest sample', async () => {
    client.respond('stats', {
      cpu: null,
      memory: null,
      disk: null,
      totalRecords: 0,
      dateRange: { start: '', end: '' },
      resolution: 'raw',
      metrics: { 'fs.used_pct[/]': { avg: 40, min: 40, max: 40, p95: 40, count: 60 } },
    });
    show();
    expect(await screen.findByRole('checkbox', { name: 'Filesystem used (/)' })).toBeTruthy();
  });

  it('narrows the picker to what the search box names, across groups, and says how many are shown', async () => {
    client.respond('latest', {
      ts: 1,
      values: { 'cpu.core[0]': 1, 'cpu.core[1]': 1, 'net.rx[eth0]': 1, 'net.tx[eth0]': 1, 'net.rx[wlan0]': 1 },
    });
    show();
    await screen.findByRole('checkbox', { name: 'Network in (wlan0)' });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find a metric' }), 'eth0');
    const picker = within(screen.getByRole('group', { name: 'Metrics' }));
    expect(
      picker
        .getAllByRole('checkbox')
        .map((box) => box.getAttribute('aria-label') ?? box.parentElement!.textContent!.trim()),
    ).toEqual(['Network in (eth0)', 'Network out (eth0)']);
    expect(screen.getByText(/^2 of \d+ shown$/)).toBeTruthy();
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Find a metric' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find a metric' }), 'nothing like it');
    expect(screen.getByText('No metric matches “nothing like it”.')).toBeTruthy();
    expect(picker.queryAllByRole('checkbox')).toEqual([]);
  });
});
