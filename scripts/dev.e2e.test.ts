// `npm run dev` end to end, with a stand-in Electron (ELECTRON_OVERRIDE_DIST_PATH) that records how
// it was started and waits to be told to exit: the script starts Vite's dev server on loopback,
// hands its URL to Electron as ELECTRON_RENDERER_URL with the app folder, and closes Vite when
// Electron exits. The served dashboard is then loaded in Debian's Chromium to show that its strict
// CSP lets Vite's client and hot-reload socket run (and nothing inline).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../src/shared/content-security-policy.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../src/main/server/test-support/dashboard-harness.js';
import type { PageGlobals } from './test-support/page-globals.js';
import { cleanEnv, standInPath } from './test-support/stand-in-electron.js';

const ROOT = join(import.meta.dirname, '..');
const executable = standInPath(process.platform);
if (executable === null) {
  process.stderr.write(
    `NOT RUN: npm run dev's test: a script cannot stand in for electron.exe on ${process.platform}\n`,
  );
}

/** Records its arguments and the dev URL, then stays up until $STAND_IN_STOP exists, like a window left open. */
const WAITING_STAND_IN =
  '#!/bin/sh\nprintf \'%s\\n\' "$@" "$ELECTRON_RENDERER_URL" > "$STAND_IN_RECORD.tmp"\nmv "$STAND_IN_RECORD.tmp" "$STAND_IN_RECORD"\n' +
  'while [ ! -e "$STAND_IN_STOP" ]; do sleep 0.2; done\nexit 0\n';

describe.skipIf(executable === null)('npm run dev', () => {
  let tmp: string;
  let record: string;
  let stop: string;
  let exited: Promise<number | null>;
  let output = '';

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'dashlight-dev-'));
    const dist = join(tmp, 'electron-dist');
    mkdirSync(join(dist, executable!, '..'), { recursive: true });
    writeFileSync(join(dist, executable!), WAITING_STAND_IN, { mode: 0o755 });
    record = join(tmp, 'launched-with.txt');
    stop = join(tmp, 'stop');
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'dev.js'), '--no-build'], {
      env: cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist, STAND_IN_RECORD: record, STAND_IN_STOP: stop }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    exited = new Promise((resolve) => child.on('close', resolve));
  });
  afterAll(() => {
    writeFileSync(stop, '');
    rmSync(tmp, { recursive: true, force: true });
  });

  it('starts Vite on loopback and launches Electron on the app folder with ELECTRON_RENDERER_URL', async () => {
    let ended = false;
    void exited.then(() => (ended = true));
    await expect.poll(() => existsSync(record) || ended, { timeout: 90_000, interval: 200 }).toBe(true);
    expect(ended, `npm run dev ended before starting Electron:\n${output}`).toBe(false);
    const [appDir, url, ...rest] = readFileSync(record, 'utf8').trimEnd().split('\n');
    expect(appDir).toBe(ROOT);
    expect(rest).toEqual([]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(output).toContain(`Dashboard dev server: ${url} (hot reload)`);

    const page = await fetch(url!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="app"></div>');
    expect(html).toContain('/@vite/client'); // served by the dev server, with hot reload
  });

  it('serves a dashboard whose CSP lets Vite and its hot-reload socket run', async () => {
    const url = readFileSync(record, 'utf8').split('\n')[1]!;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage();
      const console: string[] = [];
      page.on('console', (message) => console.push(message.text()));
      await page.addInitScript(() => {
        const page = globalThis as unknown as PageGlobals;
        const seen: string[] = [];
        page.cspViolations = seen;
        page.document.addEventListener('securitypolicyviolation', (event) =>
          seen.push(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      await page.goto(url);
      await expect
        .poll(() => console.some((line) => line.includes('[vite] connected')), { timeout: 60_000 })
        .toBe(true);
      // The built page's policy, unchanged (less frame-ancestors, which a <meta> cannot carry).
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
        CONTENT_SECURITY_POLICY.split('; ')
          .filter((directive) => !directive.startsWith('frame-ancestors'))
          .join('; '),
      );
      // An inline script is still refused: the dev page is no looser than the built one.
      await page.evaluate(() => {
        const { document } = globalThis as unknown as PageGlobals;
        const script = document.createElement('script');
        script.textContent = 'globalThis.inlineRan = true';
        document.head.append(script);
      });
      await expect
        .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).cspViolations))
        .toEqual([expect.stringMatching(/^script-src-elem inline$/)]);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).inlineRan)).toBeUndefined();
    } finally {
      await browser.close();
    }
  });

  it('closes the dev server when Electron exits, with Electron’s exit code', async () => {
    const url = readFileSync(record, 'utf8').split('\n')[1]!;
    writeFileSync(stop, '');
    expect(await exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });
});
