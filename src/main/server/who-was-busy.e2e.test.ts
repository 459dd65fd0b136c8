/**
 * Who was busy, end to end: a real child spinning a core, watched by a real `dashlight run
 * --serve`, is the top app of its minute through `topProcesses`, through `dashlight top` (its
 * own process, reading the same database) and in History's side panel in Chromium.
 *
 * The engine watches a PID namespace of the test's own (test-support/pid-namespace.ts): there
 * the busy child and an idle one are the only processes besides the namespace's shell, so the
 * answer does not depend on what else the machine runs. Assertions are on who, never on how much.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopProcessesResult } from '../../shared/processes.js';
import { screenshot, startDashboard, type Dashboard } from './test-support/dashboard-harness.js';
import { pidNamespaceMissing, startPidNamespace, type PidNamespace } from './test-support/pid-namespace.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const MINUTE = 60_000;
const run = promisify(execFile);
const tag = String(process.pid);
const BUSY = `spinner-${tag}`;
const IDLE = `sleeper-${tag}`; // an app beside the spinner that is not busy

const missing = process.platform === 'linux' ? pidNamespaceMissing() : 'Linux only: it reads /proc';
if (missing && !process.env.CI) {
  // eslint-disable-next-line no-console -- a skipped suite must say why, loudly (docs/ARCHITECTURE.md, Tests).
  console.warn(`NOT RUN "who was busy, end to end": ${missing}`);
}

describe.skipIf(missing !== null && !process.env.CI)('who was busy, end to end', () => {
  let ns: PidNamespace;
  let app: Dashboard;
  /** The first minute the spinner spun all through. */
  let minute: number;

  beforeAll(async () => {
    if (missing) throw new Error(`cannot make a PID namespace here: ${missing}`);
    ns = await startPidNamespace({ [BUSY]: 'for (;;) {}', [IDLE]: 'setInterval(() => {}, 1000)' });
    minute = Math.ceil(Date.now() / MINUTE) * MINUTE;
    app = await startDashboard({
      config: { processes: { interval: '1s' } },
      env: { DASHLIGHT_PROCFS: ns.procRoot },
    });
    // The minute is written when the pass after it begins; `dashlight top` reads only what is written.
    const deadline = minute + 3 * MINUTE;
    while (Date.now() < deadline) {
      const top = await app.call<TopProcessesResult>('topProcesses', {
        from: minute,
        to: minute + MINUTE,
        by: 'cpu',
        limit: 5,
      });
      if (Date.now() > minute + MINUTE + 5000 && top.apps.length > 0) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await ns?.stop();
  });

  it('topProcesses: the spinner is the top app of its minute by CPU, ahead of the idle one', async () => {
    const top = await app.call<TopProcessesResult>('topProcesses', {
      from: minute,
      to: minute + MINUTE,
      by: 'cpu',
      limit: 5,
    });
    expect(top.apps[0]?.app).toBe(BUSY);
    expect(top.apps[0]?.command).toContain(BUSY);
    // The idle one wakes every second and may use a little: it can be listed, but never first.
    expect(top.apps.slice(1).every((a) => a.app !== BUSY)).toBe(true);
  });

  it('dashlight top, its own process on the same database, says the same', async () => {
    const { stdout } = await run(process.execPath, [
      join(ROOT, 'bin', 'dashlight.js'),
      'top',
      '--db',
      join(app.dataDir, 'dashlight.db'),
      '--from',
      new Date(minute).toISOString(),
      '--to',
      new Date(minute + MINUTE).toISOString(),
      '--json',
    ]);
    const top = JSON.parse(stdout) as TopProcessesResult;
    expect(top.apps[0]?.app).toBe(BUSY);
    const human = await run(process.execPath, [
      join(ROOT, 'bin', 'dashlight.js'),
      'top',
      '--db',
      join(app.dataDir, 'dashlight.db'),
      '--from',
      new Date(minute).toISOString(),
      '--to',
      new Date(minute + MINUTE).toISOString(),
    ]);
    // The first row after the header and its rule names the spinner.
    expect(human.stdout.split('\n')[3]?.startsWith(`${BUSY} `)).toBe(true);
  });

  it('History’s side panel, opened at the minute as an alert link would, names the spinner first', async () => {
    const page = await app.open({ width: 1600, height: 1000 });
    // What an alert's "see this span in History" link is: #/history/<series>@<from>-<to>.
    await page.goto(
      `${app.url.split('#')[0]}#/history/${encodeURIComponent(`cpu.total@${minute}-${minute + MINUTE}`)}`,
    );
    const panel = page.getByRole('complementary', { name: 'Who was busy' });
    const first = panel.getByRole('row').nth(1);
    await first.getByRole('rowheader', { name: BUSY }).waitFor({ timeout: 20_000 });
    expect(await panel.getByText(/^Selected:/).count()).toBe(1);
    // Beside the charts the panel is narrow: the busiest process goes under the app's name, and
    // every column of figures is in view without scrolling the table sideways.
    await expect
      .poll(() => panel.getByRole('columnheader').allTextContents())
      .toEqual(['App and busiest process', 'CPU time', 'Share', 'Peak memory', 'Disk I/O']);
    expect(await first.getByRole('rowheader').textContent()).toContain(BUSY);
    const table = panel.getByRole('table');
    const overflow = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await table.evaluate((t) => t.getBoundingClientRect().right)).toBeLessThanOrEqual(
      await panel.evaluate((p) => p.getBoundingClientRect().right),
    );
    await screenshot(page, 'history-who-was-busy');
    expect(app.pageErrors()).toEqual([]);
  });
});
