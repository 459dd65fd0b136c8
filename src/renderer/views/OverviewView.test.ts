import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RollingResult, StatusResult } from '../../shared/queries.js';
import { fakeClient, type FakeClient } from '../test-support/fake-client.js';
import { renderApp } from '../test-support/render-app.js';
import OverviewView from './OverviewView.svelte';

const T0 = 1_900_000_000_000;
const GIB = 2 ** 30;

const STATUS: StatusResult = {
  state: 'running',
  intervalMs: 1000,
  slowIntervalMs: 60_000,
  lastSampleTs: null,
  startedAt: T0 - 3_600_000,
  version: '0.1.0',
  hostname: 'testbox',
  db: { path: '/tmp/x.db', sizeBytes: 0, rows: { raw: 0, '1m': 0, '1h': 0 }, gaps: 0, quarantined: null },
  self: { cpuPercent: 0, rssBytes: 0 },
};

const HOT = {
  'cpu.total': 42.5,
  'cpu.core[0]': 40,
  'cpu.core[1]': 45,
  'load.1': 1.75,
  'mem.percent': 61.2,
  'mem.used': 8 * GIB,
  'mem.total': 16 * GIB,
  'swap.percent': 3,
  'disk.read': 1_500_000,
  'disk.write': 2_000,
  'net.rx': 1_234_567,
  'net.tx': 5_000,
};

let client: FakeClient;
/** Every sample must be newer than the last: the buffer ignores late ones. */
let clock = T0;

function emit(values: Record<string, number>, ts = (clock += 1000)) {
  client.emit('sample', { ts, values });
}

const region = (name: string) => screen.getByRole('region', { name });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  clock = T0 - 3_600_000;
  client = fakeClient();
  client.respond('status', STATUS);
  client.respond('latest', null);
});

afterEach(() => {
  vi.useRealTimers();
});

/** The view with its app's live feed started, as App.svelte starts it. */
function show() {
  const { app } = renderApp(OverviewView, { client });
  app.live.start();
  return app;
}

describe('Overview', () => {
  it('shows the values of each live sample in the cards', () => {
    client.respond('rolling', { at: null, windows: { '1m': {}, '5m': {}, '15m': {}, '60m': {} } });
    show();
    emit({ ...HOT, 'disk.used_pct': 71 });

    const cpu = region('CPU');
    expect(within(cpu).getByRole('heading', { name: 'CPU' })).toBeTruthy();
    expect(cpu.textContent).toContain('42.5 %');
    expect(cpu.textContent).toContain('Load 1.75');
    expect(region('Memory').textContent).toContain('61.2 % used');
    expect(region('Memory').textContent).toContain('8.0 GiB of 16.0 GiB');
    expect(region('Disk').textContent).toContain('71.0 % used');
    expect(region('Disk').textContent).toContain('Read 1.4 MiB/s');
    expect(region('Network').textContent).toContain('1.2 MiB/s in');
    expect(region('Network').textContent).toContain('4.9 KiB/s out');

    // The next tick updates the cards; disk usage (a slow metric) keeps its last value.
    emit({ ...HOT, 'cpu.total': 7.25 });
    expect(region('CPU').textContent).toContain('7.3 %');
    expect(region('CPU').textContent).not.toContain('42.5 %');
    expect(region('Disk').textContent).toContain('71.0 % used');
  });

  it('shows the temperature and battery cards only once the machine reports them', () => {
    client.respond('rolling', { at: null, windows: { '1m': {}, '5m': {}, '15m': {}, '60m': {} } });
    show();
    emit(HOT);
    expect(screen.queryByRole('region', { name: 'Temperature' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Battery' })).toBeNull();

    emit({ ...HOT, 'temp.cpu': 55.5, 'battery.percent': 80, 'battery.charging': 0, 'battery.time_left': 5400 });
    expect(region('Temperature').textContent).toContain('55.5 °C');
    const battery = region('Battery');
    expect(battery.textContent).toContain('80.0 %');
    expect(battery.textContent).toContain('On battery');
    expect(battery.textContent).toContain('1h30m left');

    emit({ ...HOT, 'battery.charging': 1 });
    expect(region('Battery').textContent).toContain('Charging');
  });

  it('switches the charts between 5, 15 and 60 minutes, redrawn from the buffer', async () => {
    const user = userEvent.setup();
    client.respond('rolling', { at: null, windows: { '1m': {}, '5m': {}, '15m': {}, '60m': {} } });
    show();
    // Twenty samples, 30 s apart, the newest 15 s ago: 9.5 minutes of history.
    for (let k = 19; k >= 0; k -= 1) emit(HOT, T0 - 15_000 - k * 30_000);

    const pressed = () =>
      within(screen.getByRole('group', { name: 'Chart window' }))
        .getAllByRole('button')
        .map((b) => `${b.textContent?.trim()}:${b.getAttribute('aria-pressed')}`);
    expect(pressed()).toEqual(['5 min:false', '15 min:true', '60 min:false']);

    const figure = screen.getByRole('img', { name: 'CPU busy, last 15 minutes' }).closest('figure')!;
    await user.click(within(figure).getByRole('button', { name: 'Show table' }));
    const rows = (name: string) => within(screen.getByRole('table', { name })).getAllByRole('row').length - 1;
    expect(rows('CPU busy, last 15 minutes')).toBe(20);

    await user.click(screen.getByRole('button', { name: '5 min' }));
    expect(pressed()).toEqual(['5 min:true', '15 min:false', '60 min:false']);
    expect(screen.getByRole('img', { name: 'Memory and swap used, last 5 minutes' })).toBeTruthy();
    // Samples at 15 s, 45 s, … 285 s ago fall in the last five minutes.
    expect(rows('CPU busy, last 5 minutes')).toBe(10);

    await user.click(screen.getByRole('button', { name: '60 min' }));
    expect(rows('CPU busy, last 60 minutes')).toBe(20);
  });

  it('draws one labelled chart per core on a stated scale', () => {
    client.respond('rolling', { at: null, windows: { '1m': {}, '5m': {}, '15m': {}, '60m': {} } });
    show();
    expect(screen.queryByRole('img', { name: 'Core 0 busy, last 15 minutes' })).toBeNull();
    emit(HOT);
    expect(screen.getByRole('img', { name: 'Core 0 busy, last 15 minutes' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Core 1 busy, last 15 minutes' })).toBeTruthy();
    const cores = screen.getByRole('list', { name: 'Per core' });
    const labels = within(cores)
      .getAllByRole('listitem')
      .map((item) => [...item.querySelectorAll('.label span')].map((span) => span.textContent));
    expect(labels).toEqual([
      ['Core 0', '40.0 %'],
      ['Core 1', '45.0 %'],
    ]);
    expect(screen.getByText('each 0–100 %, last 15 min')).toBeTruthy();
  });

  it('names the series of each multi-series live chart in a legend', () => {
    client.respond('rolling', { at: null, windows: { '1m': {}, '5m': {}, '15m': {}, '60m': {} } });
    show();
    const legend = (heading: string) =>
      screen.getByRole('heading', { name: heading, level: 3 }).parentElement!.querySelector('.legend')?.textContent;
    expect(legend('Memory and swap')).toBe('Memory usedSwap used');
    expect(legend('Network')).toBe('InOut');
    expect(legend('Disk I/O')).toBe('ReadWrite');
  });

  it('shows the rolling windows from the engine', async () => {
    const summary = (avg: number) => ({ avg, min: avg - 2, max: avg + 3, p95: avg + 1, count: 60 });
    const rolling: RollingResult = {
      at: T0,
      windows: {
        '1m': { 'cpu.total': summary(12), 'net.rx': summary(4_000_000) },
        '5m': { 'cpu.total': summary(15) },
        '15m': { 'cpu.total': summary(18) },
        '60m': { 'cpu.total': summary(21) },
      },
    };
    client.respond('rolling', rolling);
    show();

    const table = await screen.findByRole('table', { name: 'Rolling statistics' });
    expect(client.rolling).toHaveBeenCalled();
    const cpu = within(table).getByRole('row', { name: /^CPU / });
    const cells = within(cpu).getAllByRole('cell');
    await vi.waitFor(() => expect(cells[0]!.textContent).toContain('12.0 %'));
    expect(cells[0]!.textContent).toContain('10.0 %–15.0 %');
    expect(cells[0]!.textContent).toContain('p95 13.0 %');
    expect(cells[3]!.textContent).toContain('21.0 %');
    const network = within(table).getByRole('row', { name: /^Network in/ });
    expect(within(network).getAllByRole('cell')[0]!.textContent).toContain('3.8 MiB/s');
    expect(within(network).getAllByRole('cell')[1]!.textContent).toBe('–');
  });

  it('says so when the rolling windows cannot be loaded', async () => {
    client.fail('rolling', { name: 'ConnectionError', message: 'engine unreachable' });
    show();
    expect((await screen.findByRole('alert')).textContent).toContain('engine unreachable');
  });
});
