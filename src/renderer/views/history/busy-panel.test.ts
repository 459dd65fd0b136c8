/**
 * History's "Who was busy" panel against a fake client: it follows the range shown, a clicked
 * point, a dragged span and a link from an alert, and asks again when the ranking changes.
 */
import { cleanup, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopProcessesInput, TopProcessesResult } from '../../../shared/processes.js';
import type { HistoryResult } from '../../../shared/queries.js';
import { setUnitsLocale } from '../../../shared/units.js';
import type { AppState } from '../../lib/app-context.js';
import { fakeClient, type FakeClient } from '../../test-support/fake-client.js';
import { renderApp } from '../../test-support/render-app.js';
import HistoryView from '../HistoryView.svelte';
import { historySpanHref, parseHistoryParam, pointSpan } from './history-span.js';
import { HistoryState } from './history-state.svelte.js';

const MiB = 1024 * 1024;
let client: FakeClient;
let app: AppState;
const asked: TopProcessesInput[] = [];

function top(input: TopProcessesInput): TopProcessesResult {
  asked.push(input);
  return {
    ...input,
    bucketMs: 60_000,
    coveredMs: input.to - input.from,
    cores: 4,
    totalCpuSeconds: 200,
    apps: [
      {
        app: input.by === 'memory' ? 'postgresql.service' : 'ffmpeg',
        kind: input.by === 'memory' ? 'unit' : 'exe',
        cpuSeconds: 150,
        cpuShare: 0.625,
        peakRssBytes: 300 * MiB,
        ioBytes: null,
        topPid: 4242,
        command: 'ffmpeg -i in.mov out.mkv',
      },
    ],
  };
}

beforeEach(() => {
  setUnitsLocale('en-US');
  localStorage.clear();
  asked.length = 0;
  client = fakeClient();
  client.respond('latest', null);
  client.respond('stats', {
    cpu: null,
    memory: null,
    disk: null,
    totalRecords: 0,
    dateRange: { start: null, end: null },
    resolution: 'raw',
    metrics: {},
  });
  client.respond('history', (input) => {
    const q = input as { series: string[]; from: number; to: number };
    return {
      from: q.from,
      to: q.to,
      tier: '1m',
      bucketMs: 300_000,
      aggregated: true,
      series: Object.fromEntries(q.series.map((k) => [k, { t: [q.from], avg: [5], min: [1], max: [9] }])),
    } satisfies HistoryResult;
  });
  client.respond('topProcesses', (input) => top(input as TopProcessesInput));
});

afterEach(() => {
  cleanup();
  setUnitsLocale(undefined);
});

async function show(hash = '#/history') {
  window.location.hash = hash;
  const result = renderApp(HistoryView, { client });
  app = result.app;
  await screen.findByText('ffmpeg');
  return app.view(HistoryState);
}

describe('Who was busy', () => {
  it('lists the busiest apps of the whole range shown, with CPU time, share, memory and the busiest process', async () => {
    const history = await show();
    expect(asked.at(-1)).toEqual({ from: history.view.from, to: history.view.to, by: 'cpu', limit: 10 });
    const panel = screen.getByRole('complementary', { name: 'Who was busy' });
    expect(within(panel).getByText(/^Whole range:/)).toBeTruthy();
    const row = within(panel).getByRole('row', { name: /ffmpeg/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent?.trim()),
    ).toEqual(['2m30s', '62.5 %', '300 MiB', '–', 'pid 4242 ffmpeg -i in.mov out.mkv']);
  });

  it('narrows to the bucket of a clicked point, and back to the whole range', async () => {
    const history = await show();
    const at = history.view.from + 90_000;
    history.onPick(at);
    // The answer's buckets are 5 minutes wide: the click stands for its bucket.
    const span = pointSpan(at, 300_000);
    expect(asked.at(-1)).toMatchObject({ from: span.from, to: span.to });
    const panel = screen.getByRole('complementary', { name: 'Who was busy' });
    expect(await within(panel).findByText(/^Selected:/)).toBeTruthy();
    await userEvent.click(within(panel).getByRole('button', { name: 'Whole range' }));
    expect(asked.at(-1)).toMatchObject({ from: history.view.from, to: history.view.to });
  });

  it('a dragged span zooms the charts and is the span asked about', async () => {
    const history = await show();
    const from = history.view.from + 600_000;
    history.onZoom(from, from + 300_000);
    expect(asked.at(-1)).toMatchObject({ from, to: from + 300_000 });
    expect(history.zoomed).toBe(true);
  });

  it('ranks by memory on request, for the same span', async () => {
    await show();
    const before = asked.at(-1)!;
    const panel = screen.getByRole('complementary', { name: 'Who was busy' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Memory' }));
    expect(await within(panel).findByText('postgresql.service')).toBeTruthy();
    expect(asked.at(-1)).toEqual({ ...before, by: 'memory' });
  });

  it('opens at an alert’s span from its link: zoomed around it, and asking about exactly it', async () => {
    const from = Date.now() - 3_600_000;
    const history = await show(historySpanHref('cpu.total', from, from + 120_000));
    expect(history.selection).toEqual({ from, to: from + 120_000 });
    expect(history.view).toEqual({ from: from - 300_000, to: from + 420_000 });
    expect(asked.some((q) => q.from === from && q.to === from + 120_000)).toBe(true);
  });
});

describe('history links', () => {
  it('carry a series and a span, and read back', () => {
    expect(historySpanHref('fs.used_pct[/home]', 1000, 61_000)).toBe('#/history/fs.used_pct%5B%2Fhome%5D%401000-61000');
    expect(parseHistoryParam('fs.used_pct[/home]@1000-61000')).toEqual({
      series: 'fs.used_pct[/home]',
      span: { from: 1000, to: 61_000 },
    });
    expect(parseHistoryParam('cpu.total')).toEqual({ series: 'cpu.total', span: null });
    expect(parseHistoryParam('cpu.total@5-3')).toEqual({ series: 'cpu.total', span: null });
  });
});
