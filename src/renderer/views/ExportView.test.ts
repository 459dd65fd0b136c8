import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportInput, ExportResult } from '../../shared/export.js';
import { fakeClient, type FakeClient } from '../test-support/fake-client.js';
import { renderApp } from '../test-support/render-app.js';
import ExportView from './ExportView.svelte';

let client: FakeClient;
let click: ReturnType<typeof vi.spyOn>;
/** Settles the pending `export` call, as the engine does when the file is written. */
let answer: { resolve: (r: ExportResult) => void; reject: (e: unknown) => void };

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => text(document.getElementById(id)!))
    .join(' ');

const resultFor = (input: ExportInput, over: Partial<ExportResult> = {}): ExportResult => ({
  id: input.id!,
  path: `/home/me/Downloads/${input.path}`,
  format: input.format,
  resolution: 'raw',
  from: input.from,
  to: input.to,
  rows: 86_400,
  bytes: 3 * 1024 ** 2,
  columns: ['ts', 'iso', 'cpu.total'],
  ...over,
});

function setup(transport: 'ipc' | 'http' = 'http') {
  client = fakeClient(transport);
  client.respond(
    'export',
    () =>
      new Promise<ExportResult>((resolve, reject) => {
        answer = { resolve, reject };
      }),
  );
  client.respond('cancelExport', { cancelled: true });
  renderApp(ExportView, { client });
  return userEvent.setup();
}

const sent = () => client.export.mock.calls[0]![0] as ExportInput;

beforeEach(() => {
  // A real click on a download link would make jsdom try to navigate.
  click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => click.mockRestore());

describe('Export view', () => {
  it('sends the chosen format, resolution, all metrics as null, and the file name', async () => {
    const user = setup();
    await user.selectOptions(screen.getByLabelText('Format'), 'JSON');
    await user.selectOptions(screen.getByLabelText('Resolution'), 'Raw samples');
    expect((screen.getByLabelText('File name') as HTMLInputElement).value).toMatch(/^dashlight-\d{8}-\d{4}\.json$/);
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const after = Date.now();
    const input = sent();
    expect(input).toMatchObject({ format: 'json', resolution: 'raw', metrics: null });
    expect(input.path).toMatch(/^dashlight-\d{8}-\d{4}\.json$/);
    expect(input.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(input.to).toBeGreaterThanOrEqual(before);
    expect(input.to).toBeLessThanOrEqual(after);
    expect(input.to - input.from).toBe(86_400_000);
  });

  it('sends picked metrics, a custom range, and keeps an edited file name when the format changes', async () => {
    const user = setup();
    await user.click(screen.getByRole('button', { name: 'All retained' }));
    expect(screen.getByRole('button', { name: 'All retained' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Custom' }));
    const from = new Date(2026, 0, 1, 0, 0).getTime();
    const to = new Date(2026, 0, 2, 12, 30).getTime();
    await fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-01-01T00:00' } });
    await fireEvent.input(screen.getByLabelText('To'), { target: { value: '2026-01-02T12:30' } });
    const metrics = screen.getByRole('group', { name: 'Metrics' });
    await user.click(within(metrics).getByLabelText('All metrics'));
    await user.click(within(metrics).getByLabelText(/CPU busy/));
    await user.click(within(metrics).getByLabelText(/Network in/));
    const file = screen.getByLabelText('File name');
    await user.clear(file);
    await user.type(file, 'week.csv');
    await user.selectOptions(screen.getByLabelText('Format'), 'NDJSON');
    expect((file as HTMLInputElement).value).toBe('week.csv');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(sent()).toMatchObject({ format: 'ndjson', from, to, metrics: ['cpu.total', 'net.rx'], path: 'week.csv' });
  });

  it('follows progress from before the call, then says what the browser downloaded (browser)', async () => {
    const user = setup('http');
    client.respond('export', (input) => {
      const { id } = input as ExportInput;
      // Events the engine sends before `export` answers must not be lost.
      client.emit('exportProgress', { id: id!, rowsDone: 0, rowsTotal: 100_000 });
      client.emit('exportProgress', { id: 'someone-else', rowsDone: 99, rowsTotal: 100 });
      return new Promise<ExportResult>((resolve, reject) => (answer = { resolve, reject }));
    });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const input = sent();
    const bar = screen.getByRole('progressbar', { name: 'Export progress' }) as HTMLProgressElement;
    expect(bar.max).toBe(100_000);
    client.emit('exportProgress', { id: input.id!, rowsDone: 12_345, rowsTotal: 100_000 });
    expect(await screen.findByText('12,345 of 100,000 rows')).toBeTruthy();
    expect(bar.value).toBe(12_345);

    // Headless, the export streamed into the browser's download: its path is the file name.
    const result = resultFor(input, { path: input.path });
    client.emit('exportDone', { id: input.id!, ok: true, result });
    answer.resolve(result);
    const done = (await screen.findByText('Export finished.')).closest('[role="status"]')!;
    expect(text(done)).toContain('86,400');
    expect(text(done)).toContain('3.0 MiB');
    expect(text(done)).toContain('raw samples');
    expect(text(done)).toContain('Columns 3');
    expect(text(done)).toContain(
      `Downloaded as ${input.path} (in your browser's downloads; nothing is kept on the server)`,
    );
    // The client started the download when the export started; the view starts none of its own.
    expect(click).not.toHaveBeenCalled();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the full path on the desktop, and downloads nothing', async () => {
    const user = setup('ipc');
    expect(text(document.body)).toContain('Saved to your Downloads folder unless you give a full path');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    answer.resolve(resultFor(sent()));
    expect(await screen.findByText(`/home/me/Downloads/${sent().path}`)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Download' })).toBeNull();
    expect(click).not.toHaveBeenCalled();
  });

  it('cancels through cancelExport and says no file was written', async () => {
    const user = setup();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const { id } = sent();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(client.cancelExport).toHaveBeenCalledWith({ id });
    client.emit('exportDone', { id: id!, ok: false, cancelled: true, error: `the export ${id} was cancelled` });
    answer.reject({ name: 'AbortError', message: `the export ${id} was cancelled` });
    expect(await screen.findByText('Export cancelled; no file was written.')).toBeTruthy();
    expect(screen.getByText('Export cancelled; no file was written.').getAttribute('role')).toBe('status');
  });

  it("shows the engine's message when the export fails", async () => {
    const user = setup();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    answer.reject({ name: 'Error', message: 'ENOSPC: no space left on device' });
    const alert = await screen.findByRole('alert');
    expect(text(alert)).toContain('ENOSPC: no space left on device');
  });

  it('shows a refused file name under the File name field', async () => {
    const user = setup('http');
    client.fail('export', {
      name: 'InputError',
      message: 'invalid input to export',
      issues: [{ path: 'path', message: 'must be a file name: in the browser the export is downloaded' }],
    });
    const file = screen.getByLabelText('File name');
    await user.clear(file);
    await user.type(file, '/etc/passwd');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(file.getAttribute('aria-invalid')).toBe('true'));
    expect(description(file)).toContain('must be a file name: in the browser the export is downloaded');
    expect(description(file)).toContain('Your browser downloads the file');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
