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
