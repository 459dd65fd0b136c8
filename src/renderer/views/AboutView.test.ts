import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { DiagnosticsResult } from '../../shared/diagnostics.js';
import type { StatusResult } from '../../shared/queries.js';
import { fakeClient, type FakeClient } from '../test-support/fake-client.js';
import { makeApp, renderApp } from '../test-support/render-app.js';
import AboutView from './AboutView.svelte';

const diagnostics: DiagnosticsResult = {
  version: '0.1.0',
  runtime: { node: '24.21.0', v8: '13.6.233.10', sqlite: '3.50.4', electron: '45.4.1', chrome: '142.0.7444.59' },
  platform: 'linux',
  arch: 'x64',
  hostname: 'workbench',
  dataDir: '/home/ana/.local/share/dashlight',
  logDir: '/home/ana/.local/share/dashlight/logs',
  db: {
    path: '/home/ana/.local/share/dashlight/dashlight.db',
    sizeBytes: 3 * 1024 * 1024,
    integrity: null,
    quarantined: '/home/ana/.local/share/dashlight/dashlight.db.corrupt-2026-01-02',
  },
};

const status = (cpuPercent: number, rssMb: number): StatusResult => ({
  state: 'running',
  intervalMs: 1000,
  slowIntervalMs: 60_000,
  lastSampleTs: null,
  startedAt: 0,
  version: '0.1.0',
  hostname: 'workbench',
  db: { path: diagnostics.db.path, sizeBytes: 1, rows: { raw: 0, '1m': 0, '1h': 0 }, gaps: 0, quarantined: null },
  self: { cpuPercent, rssBytes: rssMb * 1024 * 1024 },
});

let client: FakeClient;

/** Renders the view; `before` runs on the fresh app first (e.g. to set a status). */
function setup(transport: 'ipc' | 'http' = 'http', before: (app: ReturnType<typeof makeApp>) => void = () => {}) {
  client = fakeClient(transport);
  client.respond('diagnostics', (input) =>
    (input as { integrity?: boolean } | undefined)?.integrity
      ? { ...diagnostics, db: { ...diagnostics.db, integrity: 'ok' } }
      : diagnostics,
  );
  const app = makeApp(client);
  before(app);
  return renderApp(AboutView, { client, app }).app;
}

describe('AboutView', () => {
  it('shows versions, the platform, the transport and the folders from diagnostics', async () => {
    setup('ipc');
    expect(await screen.findByText('24.21.0')).toBeTruthy();
    for (const text of ['0.1.0', '13.6.233.10', '3.50.4', '45.4.1', '142.0.7444.59', 'Linux (x64)', 'workbench']) {
      expect(screen.getByText(text)).toBeTruthy();
    }
    expect(screen.getByText('Desktop app')).toBeTruthy();
    expect(screen.getByText('/home/ana/.local/share/dashlight')).toBeTruthy();
    expect(screen.getByText('/home/ana/.local/share/dashlight/logs')).toBeTruthy();
    expect(screen.getByText('3.0 MiB')).toBeTruthy();
    expect(screen.getByText(diagnostics.db.quarantined!)).toBeTruthy();
    expect(client.diagnostics).toHaveBeenCalledWith();
  });

  it('names the headless transport in a browser, and leaves out Electron', async () => {
    client = fakeClient('http');
    client.respond('diagnostics', { ...diagnostics, runtime: { node: '24.21.0', v8: '13.6', sqlite: '3.50.4' } });
    renderApp(AboutView, { client });
    expect(await screen.findByText('Headless, served over HTTP')).toBeTruthy();
    expect(screen.queryByText('Electron')).toBeNull();
  });

  it('checks integrity on request and reports ok', async () => {
    const user = userEvent.setup();
    setup();
    await screen.findByText('24.21.0');
    await user.click(screen.getByRole('button', { name: 'Check integrity' }));
    expect(client.diagnostics).toHaveBeenLastCalledWith({ integrity: true });
    const ok = await screen.findByText('Database integrity: ok');
    expect(ok.closest('[role="status"]')).toBeTruthy();
  });

  it('lists the problems the integrity check found as an alert', async () => {
    const user = userEvent.setup();
    setup();
    await screen.findByText('24.21.0');
    client.respond('diagnostics', {
      ...diagnostics,
      db: { ...diagnostics.db, integrity: 'row 12 missing from index idx_raw_ts\npage 88 is never used' },
    });
    await user.click(screen.getByRole('button', { name: 'Check integrity' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('row 12 missing from index idx_raw_ts')).toBeTruthy();
    expect(within(alert).getByText('page 88 is never used')).toBeTruthy();
    expect(screen.queryByText('Database integrity: ok')).toBeNull();
  });

  it("shows Dashlight's own CPU and memory from live.status, and charts each new status", async () => {
    const user = userEvent.setup();
    const app = setup('http', (fresh) => (fresh.live.status = status(0.4, 61)));
    const panel = screen.getByRole('region', { name: "Dashlight's own usage" });
    expect(within(panel).getByText('0.4 %')).toBeTruthy();
    expect(within(panel).getByText('61.0 MiB')).toBeTruthy();

    app.live.status = status(1.5, 64);
    flushSync();
    expect(within(panel).getByText('1.5 %')).toBeTruthy();
    expect(within(panel).getByText('64.0 MiB')).toBeTruthy();
    expect(within(panel).getByRole('img', { name: /Dashlight CPU use, last 10 minutes/ })).toBeTruthy();

    const [cpuToggle] = within(panel).getAllByRole('button', { name: 'Show table' });
    await user.click(cpuToggle!);
    const table = within(panel).getByRole('table', { name: /Dashlight CPU use/ });
    const cells = within(table)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toContain('1.5 %');
    expect(cells).toContain('0.4 %');
  });
});
