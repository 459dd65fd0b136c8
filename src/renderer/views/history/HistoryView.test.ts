import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryResult, Tier } from '../../../shared/queries.js';
import { setClient } from '../../lib/client/client.js';
import { toLocalInput } from '../../lib/format/dates.js';
import { live } from '../../lib/state/live.svelte.js';
import { router } from '../../lib/state/router.svelte.js';
import { fakeClient, type FakeClient } from '../../test-support/fake-client.js';
import HistoryView from '../HistoryView.svelte';
import { PREFS_KEY } from './history-prefs.js';
import { HISTORY_PAINT_MEASURE, historyState, REFRESH_MS } from './history-state.svelte.js';

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

function dataset(label: string) {
  const chart = historyState.chartFor('percent')!;
  const found = chart.chart.data.datasets.find((d) => d.label === label)!;
  // Decimation (active in jsdom's zero-width canvas) keeps the real points in `_data`.
  return (found as typeof found & { _data?: typeof found.data })._data ?? found.data;
}

beforeEach(() => {
  localStorage.clear();
  router.go('history');
  client = fakeClient();
  client.respond('latest', { ts: Date.now(), values: { 'cpu.total': 5, 'cpu.core[0]': 7, 'net.rx[eth0]': 100 } });
  client.respond('history', (input) => answer(input as Query));
  setClient(client);
});

afterEach(() => {
  cleanup();
  router.go('overview');
});

describe('HistoryView', () => {
  it('asks for the last 24 hours of the default series, within the point budget, and names the tier', async () => {
    render(HistoryView);
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
    render(HistoryView);
    await screen.findByText(/1-minute averages/);
    const line = historyState.chartFor('percent')!.points('cpu.total');
    expect(line.map((p) => p.y)).toEqual([10, null, 30]);
    expect(dataset('CPU busy max').map((p) => p.y)).toEqual([15, null, 35]);
    expect(dataset('CPU busy min').map((p) => p.y)).toEqual([5, null, 25]);
    const x = historyState.chartFor('percent')!.chart.options.scales!.x!;
    expect(Number(x.max) - Number(x.min)).toBe(DAY);

    client.respond('history', (input) => answer(input as Query, { tier: 'raw', avg: [1, 2] }));
    await userEvent.click(screen.getByRole('button', { name: '1 h' }));
    await screen.findByText(/raw samples every 2 s/);
    expect(
      historyState
        .chartFor('percent')!
        .points('cpu.total')
        .map((p) => p.y),
    ).toEqual([1, 2]);
    expect(dataset('CPU busy max')).toEqual([]);
    expect(dataset('CPU busy min')).toEqual([]);
  });

  it('ignores an answer that arrives after a newer one', async () => {
    const pending: (() => void)[] = [];
    client.respond(
      'history',
      (input) =>
        new Promise<HistoryResult>((resolve) => {
          const q = input as Query;
          const old = q.to - q.from === DAY;
          pending.push(() => resolve(answer(q, old ? { tier: '1m', avg: [99] } : { tier: 'raw', avg: [1, 2] })));
        }),
    );
    render(HistoryView);
    await queries(1);
    await userEvent.click(screen.getByRole('button', { name: '1 h' }));
    await queries(2);
    pending[1]!();
    await screen.findByText('raw samples every 2 s · 2 points per series');
    pending[0]!();
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByText('raw samples every 2 s · 2 points per series').isConnected).toBe(true);
    expect(
      historyState
        .chartFor('percent')!
        .points('cpu.total')
        .map((p) => p.y),
    ).toEqual([1, 2]);
  });

  it('zooms into a dragged span, and "Reset zoom" returns to the picked range', async () => {
    render(HistoryView);
    await queries(1);
    const reset = screen.getByRole('button', { name: 'Reset zoom' });
    expect((reset as HTMLButtonElement).disabled).toBe(true);
    const { from } = lastQuery();
    historyState.onZoom(from + HOUR, from + 3 * HOUR);
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
      render(HistoryView);
      await queries(1);
      vi.advanceTimersByTime(REFRESH_MS);
      await queries(2);
      expect(lastQuery().to - lastQuery().from).toBe(DAY);

      live.hidden = true;
      vi.advanceTimersByTime(REFRESH_MS);
      live.hidden = false;
      historyState.onZoom(lastQuery().from, lastQuery().from + HOUR);
      await queries(3);
      vi.advanceTimersByTime(REFRESH_MS);
      await new Promise((r) => setTimeout(r, 20));
      expect(client.history).toHaveBeenCalledTimes(3);
    } finally {
      live.hidden = false;
      vi.useRealTimers();
    }
  });

  it('checks the custom range next to its fields before asking for it', async () => {
    render(HistoryView);
    await queries(1);
    await userEvent.click(screen.getByRole('button', { name: 'Custom' }));
    expect(screen.getByRole('button', { name: 'Custom' }).getAttribute('aria-pressed')).toBe('true');
    const fromField = screen.getByLabelText('From');
    const toField = screen.getByLabelText('To');
    const start = Date.now() - 3 * DAY;
    await fireEvent.input(fromField, { target: { value: toLocalInput(start + HOUR) } });
    await fireEvent.input(toField, { target: { value: toLocalInput(start) } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(toField.getAttribute('aria-invalid')).toBe('true');
    expect(description(toField)).toBe('The end must be after the start.');
    expect(fromField.hasAttribute('aria-invalid')).toBe(false);
    expect(client.history).toHaveBeenCalledTimes(1);

    await fireEvent.input(fromField, { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(description(fromField)).toBe('Enter a start date and time.');

    await fireEvent.input(fromField, { target: { value: toLocalInput(start - DAY) } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await queries(2);
    const sent = lastQuery();
    expect(sent.to - sent.from).toBe(DAY);
    expect(sent.from).toBe(new Date(toLocalInput(start - DAY)).getTime());
    expect(toField.hasAttribute('aria-invalid')).toBe(false);
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('remembers the range and the series', async () => {
    const first = render(HistoryView);
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
    render(HistoryView);
    await queries(1);
    expect(lastQuery().series).toEqual(['cpu.total', 'net.rx', 'net.tx', 'cpu.core[0]']);
    expect(lastQuery().to - lastQuery().from).toBe(7 * DAY);
    expect(screen.getByRole('button', { name: '7 d' }).getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByRole('checkbox', { name: 'Memory used' }) as HTMLInputElement).checked).toBe(false);
  });

  it('updates a chart in place when a series of its unit is added, and mounts one for a new unit', async () => {
    render(HistoryView);
    await queries(1);
    await screen.findByText(/points per series/);
    const percent = historyState.chartFor('percent');
    await userEvent.click(screen.getByRole('checkbox', { name: 'CPU user' }));
    await queries(2);
    expect(historyState.chartFor('percent')).toBe(percent);
    expect(screen.getByRole('img', { name: /^Percent: CPU busy, Memory used, CPU user — / }).isConnected).toBe(true);
    await vi.waitFor(() => expect(percent!.points('cpu.user')).toHaveLength(3));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Load average 1 min' }));
    await queries(3);
    expect(screen.getByRole('img', { name: /^Load: Load average 1 min — / }).isConnected).toBe(true);
    expect(historyState.chartFor('percent')).toBe(percent);
  });

  it('preselects the series named in the address', async () => {
    router.go('history', 'cpu.core[0]');
    render(HistoryView);
    await queries(1);
    expect(lastQuery().series).toContain('cpu.core[0]');
    expect(((await screen.findByRole('checkbox', { name: 'CPU core 0 busy' })) as HTMLInputElement).checked).toBe(true);
  });

  it('says so when the range holds no samples, and shows errors as alerts', async () => {
    client.respond('history', (input) => answer(input as Query, { avg: [null, null] }));
    render(HistoryView);
    expect((await screen.findByText('No samples in this range.')).getAttribute('role')).toBe('status');

    client.fail('history', { name: 'InputError', message: 'invalid input to history: from: too early' });
    await userEvent.click(screen.getByRole('button', { name: '1 h' }));
    expect((await screen.findByRole('alert')).textContent).toContain('invalid input to history: from: too early');
  });

  it('times each answer from arrival to paint', async () => {
    render(HistoryView);
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
    render(HistoryView);
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
});
