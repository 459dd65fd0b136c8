import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, type FakeClient } from './test-support/fake-client.js';
import App from './App.svelte';

let client: FakeClient;

function status(state: 'running' | 'paused') {
  return {
    state,
    intervalMs: 2000,
    slowIntervalMs: 60_000,
    lastSampleTs: null,
    startedAt: 0,
    version: '0.1.0',
    hostname: 'studio',
    db: { path: '/d/dashlight.db', sizeBytes: 4096, rows: { raw: 0, '1m': 0, '1h': 0 }, gaps: 0, quarantined: null },
    self: { cpuPercent: 0.3, rssBytes: 70e6 },
  } as const;
}

beforeEach(() => {
  window.location.hash = '';
  client = fakeClient();
  client.respond('status', status('running'));
  client.respond('latest', null);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('App', () => {
  it('lists every view, marks the current one, and moves focus to its heading', async () => {
    render(App, { props: { client } });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Overview',
      'History',
      'Stats',
      'Alerts',
      'Export',
      'Push',
      'Settings',
      'About',
    ]);
    expect(within(nav).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(within(nav).getByRole('link', { name: 'About' }));
    expect(window.location.hash).toBe('#/about');
    const heading = await screen.findByRole('heading', { level: 1, name: 'About' });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
    expect(within(nav).getByRole('link', { name: 'About' }).getAttribute('aria-current')).toBe('page');
  });

  it('opens the view named in the address, as the desktop shell links it', async () => {
    window.location.hash = '#/settings';
    render(App, { props: { client } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
  });

  it('shows the host and sampling state in the header, and pauses', async () => {
    client.respond('pause', status('paused'));
    render(App, { props: { client } });
    expect(await screen.findByText('studio')).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(client.pause).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('says, above every view, that samples are not being saved, and clears it once they are', async () => {
    const since = Date.UTC(2026, 10, 23, 9, 0, 0);
    const dropsAt = Date.UTC(2026, 10, 23, 9, 58, 0);
    render(App, { props: { client } });
    expect(await screen.findByText('studio')).toBeTruthy();
    const problem = {
      since,
      code: 'SQLITE_FULL',
      cause: 'the disk is full',
      advice: 'free space on the disk holding /d, or lower storage.retention (maxSizeMb) in the settings',
      bufferedSamples: 120,
      bufferLimit: 3600,
      dropsAt,
      droppedSamples: 0,
    };
    client.emit('status', { ...status('running'), writeProblem: problem });
    await vi.waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
        'Samples are not being saved: the disk is full (SQLITE_FULL) since Nov 23, 2026, 9:00:00 AM. ' +
          '120 samples are held in memory; from Nov 23, 2026, 9:58:00 AM the oldest start being dropped. ' +
          'Free space on the disk holding /d, or lower storage.retention (maxSizeMb) in the settings.',
      ),
    );
    client.emit('status', { ...status('running'), writeProblem: null });
    await vi.waitFor(() => expect(screen.queryByText(/Samples are not being saved/)).toBeNull());
  });

  it('tells a browser whose token was refused what to do', async () => {
    render(App, { props: { client } });
    client.setConnection('unauthorized');
    await vi.waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContainEqual(
        expect.stringMatching(/refused this page's token.*\?token=/s),
      ),
    );
  });
});
