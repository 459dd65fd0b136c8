/** The Overview's live process table and sensors card, against a fake client and samples fed in. */
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveProcesses } from '../../../shared/processes.js';
import { setUnitsLocale } from '../../../shared/units.js';
import { fakeClient, type FakeClient } from '../../test-support/fake-client.js';
import { renderApp } from '../../test-support/render-app.js';
import LiveProcessesView from './LiveProcesses.svelte';
import SensorsCard from './SensorsCard.svelte';
import { sensorGroups } from './sensor-groups.js';

const MiB = 1024 * 1024;
let client: FakeClient;

beforeEach(() => {
  setUnitsLocale('en-US');
  client = fakeClient();
});
afterEach(() => setUnitsLocale(undefined));

const LIVE: LiveProcesses = {
  ts: 1,
  intervalMs: 5000,
  cores: 4,
  processCount: 212,
  apps: [
    {
      app: 'firefox',
      kind: 'exe',
      cpuPercent: 60,
      cpuShare: 0.15,
      rssBytes: 1200 * MiB,
      ioBytesPerSecond: 204_800,
      processes: 7,
      topPid: 10,
      command: '/usr/lib/firefox/firefox',
    },
    {
      app: 'postgresql.service',
      kind: 'unit',
      cpuPercent: 20,
      cpuShare: 0.05,
      rssBytes: 2000 * MiB,
      ioBytesPerSecond: null,
      processes: 1,
      topPid: 20,
      command: 'postgres -D /var/lib/postgresql',
    },
  ],
};

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()));

describe('Top processes (live)', () => {
  it('shows the last pass on open, follows the events, and sorts by CPU or memory', async () => {
    client.respond('liveProcesses', LIVE);
    renderApp(LiveProcessesView, { client });
    const table = await screen.findByRole('table', { name: 'Top processes, grouped by app' });
    expect(rowsOf(table)).toEqual([
      ['firefox', '60.0 %', '1.2 GiB', '200 KiB/s', 'pid 10 (7 processes) /usr/lib/firefox/firefox'],
      ['postgresql.service service', '20.0 %', '2.0 GiB', '–', 'pid 20 postgres -D /var/lib/postgresql'],
    ]);
    expect(screen.getByText('CPU is % of one core over the last 5s; 212 processes, 4 cores.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Memory' }));
    expect(rowsOf(table).map((r) => r[0])).toEqual(['postgresql.service service', 'firefox']);
    client.emit('processes', { ...LIVE, apps: [{ ...LIVE.apps[0]!, app: 'node', cpuPercent: 180 }] });
    await screen.findByText('node');
  });

  it('says why there is no list when process sampling is off', async () => {
    client.respond('liveProcesses', null);
    renderApp(LiveProcessesView, { client });
    expect(
      await screen.findByText('No process list: process sampling is off in Settings, or has not run yet.'),
    ).toBeTruthy();
  });
});

describe('Sensors card', () => {
  it('groups temperatures and fans by chip, with power, the cores’ clock and battery health', () => {
    const groups = sensorGroups({
      'sensor.temp_celsius[coretemp/Package id 0]': 52,
      'sensor.temp_celsius[coretemp/Core 10]': 50,
      'sensor.temp_celsius[coretemp/Core 2]': 49,
      'sensor.fan_rpm[thinkpad/fan1]': 2400,
      'power.cpu_package_watts[package-0]': 14.25,
      'cpu.freq_hz[0]': 3.4e9,
      'cpu.freq_hz[1]': 1.2e9,
      'battery.health_pct': 84.6,
      'battery.cycle_count': 312,
      'cpu.total': 5,
    });
    expect(groups.chips.map((c) => [c.chip, c.readings.map((r) => `${r.label} ${r.text}`)])).toEqual([
      ['coretemp', ['Core 2 49.0 °C', 'Core 10 50.0 °C', 'Package id 0 52.0 °C']],
      ['thinkpad', ['fan1 (fan) 2,400 RPM']],
    ]);
    expect(groups.power.map((r) => `${r.label} ${r.text}`)).toEqual(['CPU package-0 14.3 W']);
    expect(groups.clock).toEqual({ average: '2.30 GHz', fastest: '3.40 GHz', cores: 2 });
    expect(groups.battery.map((r) => `${r.label} ${r.text}`)).toEqual([
      'Charge cycles 312',
      'Health (full vs design) 84.6 %',
    ]);
  });

  it('fills from the last minutes of history, then from samples; hidden on a machine without sensors', async () => {
    client.respond('stats', {
      cpu: null,
      memory: null,
      disk: null,
      totalRecords: 1,
      dateRange: { start: null, end: null },
      resolution: 'raw',
      metrics: {
        'sensor.temp_celsius[k10temp/Tctl]': { avg: 60, min: 60, max: 61, p95: 61, count: 2 },
        'cpu.total': { avg: 1, min: 1, max: 1, p95: 1, count: 2 },
      },
    });
    client.respond('history', {
      from: 0,
      to: 1,
      tier: 'raw',
      bucketMs: 60_000,
      aggregated: false,
      series: { 'sensor.temp_celsius[k10temp/Tctl]': { t: [0, 1], avg: [60, 61.5] } },
    });
    const { app } = renderApp(SensorsCard, { client });
    const card = await screen.findByRole('region', { name: 'Sensors' });
    expect(within(card).getByText('61.5 °C')).toBeTruthy();
    app.live.receive({
      ts: Date.now(),
      values: { 'sensor.temp_celsius[k10temp/Tctl]': 70, 'sensor.fan_rpm[nct6798/fan2]': 1100 },
    });
    expect(await within(card).findByText('70.0 °C')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'fan2 (fan)' }).getAttribute('href')).toBe(
      '#/history/sensor.fan_rpm%5Bnct6798%2Ffan2%5D',
    );
  });

  it('shows nothing without sensors', async () => {
    client.respond('stats', {
      cpu: null,
      memory: null,
      disk: null,
      totalRecords: 0,
      dateRange: { start: null, end: null },
      resolution: 'raw',
      metrics: {},
    });
    renderApp(SensorsCard, { client });
    await Promise.resolve();
    expect(screen.queryByRole('region', { name: 'Sensors' })).toBeNull();
  });
});
