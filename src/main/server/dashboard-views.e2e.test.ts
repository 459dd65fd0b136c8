/**
 * The dashboard end to end: a real `dashlight run --serve` over a synthetic month, in Debian's
 * Chromium. Every view is visited in both themes, wide and at 400 px, and screenshotted
 * (test-output/screenshots); live samples must arrive over SSE; the server refuses a browser
 * without the token with a page that says how to get in; the header says when the engine is gone.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startDashboard, type Dashboard } from './test-support/dashboard-harness.js';

const VIEWS = ['Overview', 'History', 'Stats', 'Alerts', 'Export', 'Push', 'Settings', 'About'];

let app: Dashboard;

beforeAll(async () => {
  app = await startDashboard({ seedDays: 30 });
  // Something to show: a rule that fires at once, and a push target whose server is down.
  await app.call('saveRule', {
    name: 'CPU awake',
    metric: 'cpu.total',
    comparator: 'above',
    warning: 0.01,
    critical: 100,
    for: '0s',
  });
  await app.call('updateSettings', {
    push: { targets: [{ name: 'metrics-lan', kind: 'influx', url: 'http://127.0.0.1:45999/write' }] },
    // The pull and home sides too: /metrics serving, and MQTT with its broker down.
    prometheus: { enabled: true, port: 0 },
    mqtt: { enabled: true, url: 'mqtt://127.0.0.1:45998' },
  });
  await vi.waitFor(
    async () => {
      const firing = await app.call<{ total: number }>('alertHistory', { state: 'firing' });
      if (firing.total === 0) throw new Error('the rule has not fired yet');
    },
    { timeout: 20_000, interval: 250 },
  );
}, 90_000);

afterAll(async () => {
  await app?.close();
});

async function visit(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toBe(view);
  // Each view loads its data after mounting; wait until nothing says it is still loading.
  await page.waitForFunction('!document.querySelector(\'[aria-busy="true"]\')', null, { timeout: 15_000 });
}

describe('dashboard in Chromium', () => {
  it('refuses a browser without the token, with advice', async () => {
    const context = await app.browser.newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(app.origin);
      expect(response?.status()).toBe(401);
      expect(await page.content()).toContain('?token=');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Dashlight needs its token');
      expect(await page.getByRole('listitem').count()).toBe(2);
      const api = await context.request.post(`${app.origin}/api/status`, {
        headers: { 'content-type': 'application/json' },
      });
      expect(api.status()).toBe(401);
      expect((await api.json()).error.name).toBe('UnauthorizedError');
    } finally {
      await context.close();
    }
  });

  it('drops the token from the address bar and keeps the session in a cookie', async () => {
    const page = await app.open();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name.startsWith('dashlight_token'))).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    await page.close();
  });

  it('shows live samples arriving over SSE', async () => {
    const page = await app.open();
    const last = page.locator('header time');
    await last.waitFor();
    const first = await last.getAttribute('datetime');
    await expect.poll(() => last.getAttribute('datetime'), { timeout: 10_000 }).not.toBe(first);
    expect(Date.parse((await last.getAttribute('datetime'))!)).toBeGreaterThan(Date.parse(first!));
    await page.close();
  });

  it('works from the keyboard: skip link, navigation, a visible focus ring, focus moved to the view', async () => {
    const page = await app.open();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    // Tab on to the navigation's "History" link (Overview is the first) and open it with Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('History');
    const ring = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(ring).toBe('solid');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate('document.activeElement.tagName + " " + document.activeElement.textContent'))
      .toBe('H1 History');
    // Every chart canvas says what it shows.
    await page.getByRole('img', { name: /^Percent: / }).waitFor();
    const unlabelled = await page.evaluate(
      '[...document.querySelectorAll("canvas")].filter((c) => !c.getAttribute("aria-label")).length',
    );
    expect(unlabelled).toBe(0);
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1360, 400]) {
      it(`visits every view in the ${colorScheme} theme at ${width} px and screenshots it`, async () => {
        const page = await app.open({ colorScheme, width });
        const failed: string[] = [];
        page.on('response', (response) => {
          if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
        });
        expect(await page.locator('html').getAttribute('data-theme')).toBe(colorScheme);
        for (const view of VIEWS) {
          await visit(page, view);
          // Charts and lists have had a moment to draw their first data.
          // (About's own-usage sparklines start when the page opens and need two status polls, 5 s apart.)
          await page.waitForTimeout(view === 'About' ? 5500 : view === 'Overview' || view === 'History' ? 1500 : 500);
          await screenshot(page, `${view.toLowerCase()}-${colorScheme}${width === 400 ? '-400' : ''}`);
          // Nothing may run off the side of a narrow window: the page scrolls down, never across.
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        }
        // Every request answered, the favicon included (it is inline).
        expect(failed).toEqual([]);
        expect(app.pageErrors()).toEqual([]);
        await page.close();
      });
    }
  }

  // Last: it stops the engine.
  it('says so in the header when the engine stops, instead of a green "Sampling"', async () => {
    const page = await app.open();
    const header = page.locator('header');
    await expect.poll(() => header.innerText()).toMatch(/Sampling every 1 s/);
    await app.stopEngine();
    await expect.poll(() => header.innerText(), { timeout: 15_000 }).toMatch(/Not connected/);
    expect(await header.innerText()).not.toMatch(/Sampling every/);
    const dot = page.locator('header .state-dot');
    expect(await dot.getAttribute('class')).toMatch(/\blost\b/);
    await screenshot(page, 'engine-stopped-light');
    await page.close();
  });
});
