import { fireEvent, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsResult, Summary } from '../../shared/queries.js';
import { fakeClient, type FakeClient } from '../test-support/fake-client.js';
import { renderApp } from '../test-support/render-app.js';
import StatsView from './StatsView.svelte';

const T0 = 1_900_000_000_000;
const HOUR = 3_600_000;

const s = (avg: number, min: number, max: number, p95: number, count = 1440): Summary => ({
  avg,
  min,
  max,
  p95,
  count,
});

const RESULT: StatsResult = {
  cpu: s(23.4, 1.5, 97.25, 80.5),
  memory: s(61, 55, 70, 68),
  disk: null,
  totalRecords: 86_400,
  dateRange: { start: new Date(T0 - 24 * HOUR).toISOString(), end: new Date(T0).toISOString() },
  resolution: '1m',
  metrics: {
    'cpu.total': s(23.4, 1.5, 97.25, 80.5),
    'mem.percent': s(61, 55, 70, 68),
    'net.rx[eth0]': s(2_000_000, 0, 9_000_000, 5_000_000),
    'net.rx_total[eth0]': s(5e9, 4e9, 7e9, 6.9e9),
    'net.tx_total[eth0]': s(2e9, 1.5e9, 2.5e9, 2.4e9),
    'cpu.core[0]': s(30, 2, 99, 85, 1000),
  },
};

let client: FakeClient;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  client = fakeClient();
  client.respond('stats', RESULT);
});

afterEach(() => {
  vi.useRealTimers();
});

/** What a datetime-local field shows for `ts`, in this machine's zone, to the minute. */
function localInput(ts: number): string {
  const d = new Date(ts);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The metric table's series keys, top to bottom. */
function tableKeys(): string[] {
  const table = screen.getByRole('table', { name: /series/ });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('code')?.textContent ?? '');
}

describe('Stats', () => {
  it('loads the last 24 hours and shows the headline figures', async () => {
    renderApp(StatsView, { client });
    expect(client.stats).toHaveBeenCalledWith({ from: T0 - 24 * HOUR, to: T0 });
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('true');

    const cpu = await screen.findByRole('region', { name: 'CPU' });
    expect(cpu.textContent).toContain('23.4 %');
    expect(cpu.textContent).toContain('97.3 %');
    expect(cpu.textContent).toContain('80.5 %');
    expect(screen.getByRole('region', { name: 'Disk' }).textContent).toContain('No data in this range.');

    const records = screen.getByRole('region', { name: 'Records' });
    expect(records.textContent).toContain('86,400');
    expect(records.textContent).toContain('from the 1-minute tier');
    const times = records.querySelectorAll('time');
    expect(times[0]!.getAttribute('datetime')).toBe(RESULT.dateRange.start);
    expect(times[1]!.getAttribute('title')).toBe(`UTC ${RESULT.dateRange.end}`);

    const moved = screen.getByRole('region', { name: 'Data transferred' });
    const eth0 = within(moved).getByRole('row', { name: /eth0/ });
    expect(eth0.textContent).toContain('≈ 2.8 GiB');
    expect(eth0.textContent).toContain('≈ 954 MiB');
  });

  it('asks for the range of each preset', async () => {
    const user = userEvent.setup();
    renderApp(StatsView, { client });
    await screen.findByRole('region', { name: 'CPU' });
    for (const [label, ms] of [
      ['1 h', HOUR],
      ['6 h', 6 * HOUR],
      ['7 d', 7 * 24 * HOUR],
      ['30 d', 30 * 24 * HOUR],
      ['1 y', 365 * 24 * HOUR],
    ] as const) {
      await user.click(screen.getByRole('button', { name: label }));
      expect(client.stats).toHaveBeenLastCalledWith({ from: T0 - ms, to: T0 });
      expect(screen.getByRole('button', { name: label }).getAttribute('aria-pressed')).toBe('true');
    }
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('lists every metric with its label and entity, filterable and sortable', async () => {
    const user = userEvent.setup();
    renderApp(StatsView, { client });
    await screen.findByRole('region', { name: 'CPU' });
    expect(tableKeys()).toEqual([
      'cpu.total',
      'cpu.core[0]',
      'mem.percent',
      'net.rx[eth0]',
      'net.rx_total[eth0]',
      'net.tx_total[eth0]',
    ]);
    const network = screen.getByRole('row', { name: /^Network in · eth0/ });
    const cells = within(network)
      .getAllByRole('cell')
      .map((c) => c.textContent?.trim());
    expect(cells).toEqual(['1.9 MiB/s', '0 B/s', '8.6 MiB/s', '4.8 MiB/s', '1,440']);

    await user.type(screen.getByLabelText('Filter metrics'), 'CPU');
    expect(tableKeys()).toEqual(['cpu.total', 'cpu.core[0]']);
    await user.clear(screen.getByLabelText('Filter metrics'));

    const maxHeader = screen.getByRole('columnheader', { name: /Max/ });
    expect(maxHeader.getAttribute('aria-sort')).toBeNull();
    await user.click(within(maxHeader).getByRole('button'));
    expect(maxHeader.getAttribute('aria-sort')).toBe('descending');
    expect(tableKeys().slice(0, 3)).toEqual(['net.rx_total[eth0]', 'net.tx_total[eth0]', 'net.rx[eth0]']);
    await user.click(within(maxHeader).getByRole('button'));
    expect(maxHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(tableKeys()[0]).toBe('mem.percent');
    expect(screen.getByRole('columnheader', { name: /Metric/ }).getAttribute('aria-sort')).toBeNull();

    await user.type(screen.getByLabelText('Filter metrics'), 'nothing like this');
    expect(screen.getByText('No metric matches the filter.')).toBeTruthy();
  });

  it('checks a custom range before asking for it', async () => {
    const user = userEvent.setup();
    renderApp(StatsView, { client });
    await screen.findByRole('region', { name: 'CPU' });
    await user.click(screen.getByRole('button', { name: 'Custom' }));
    const from = screen.getByLabelText('From') as HTMLInputElement;
    const to = screen.getByLabelText('To') as HTMLInputElement;
    // Filled with the range on screen.
    expect(from.value).toBe(localInput(T0 - 24 * HOUR));
    const calls = client.stats.mock.calls.length;

    await fireEvent.input(from, { target: { value: '2030-03-02T12:00' } });
    await fireEvent.input(to, { target: { value: '2030-03-01T12:00' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(client.stats.mock.calls.length).toBe(calls);
    expect(to.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(to.getAttribute('aria-describedby')!)!;
    expect(message.textContent).toBe('The end must be after the start.');

    await fireEvent.input(to, { target: { value: '2030-03-03T08:30' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(client.stats).toHaveBeenLastCalledWith({
      from: new Date(2030, 2, 2, 12, 0).getTime(),
      to: new Date(2030, 2, 3, 8, 30).getTime(),
    });
    expect(to.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('button', { name: 'Custom' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows why the engine could not answer', async () => {
    client.fail('stats', { name: 'ConnectionError', message: 'engine unreachable' });
    renderApp(StatsView, { client });
    expect((await screen.findByRole('alert')).textContent).toContain('engine unreachable');
    expect(screen.queryByRole('region', { name: 'CPU' })).toBeNull();
  });

  it('says it is loading while the engine computes', async () => {
    let answer: (value: StatsResult) => void = () => {};
    client.respond('stats', () => new Promise<StatsResult>((resolve) => (answer = resolve)));
    renderApp(StatsView, { client });
    expect(screen.getByRole('status').textContent).toBe('Loading statistics…');
    answer(RESULT);
    await screen.findByRole('region', { name: 'CPU' });
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
