/**
 * End-to-end harness for the dashboard: a real `dashlight run --serve` (the built CLI, its own
 * process) on a temp data folder seeded with a synthetic month, and Debian's Chromium driven by
 * playwright-core. Nothing is mocked: what the browser shows came from SQLite through HTTP/SSE.
 *
 * @example
 * const app = await startDashboard();
 * const page = await app.open();
 * await page.getByRole('link', { name: 'History' }).click();
 * await app.close();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { defaultSyntheticSeries, writeSyntheticHistory } from '../../engine/store/synthetic-history.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

/** The flags the issue asks for: no sandbox (root in CI), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface DashboardOptions {
  /** Days of synthetic history written before the engine starts (0 = none). */
  seedDays?: number;
  /** Settings written to config.json before start (e.g. a push target). */
  config?: Record<string, unknown>;
  interval?: string;
  /** Extra environment for the engine process. */
  env?: NodeJS.ProcessEnv;
  /** Where Chromium saves downloads (default: a temp folder of Playwright's). */
  downloadsPath?: string;
}

export interface Dashboard {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** The `dashlight run --serve` process (to pause it with SIGSTOP, say). */
  readonly pid: number;
  readonly browser: Browser;
  /** A fresh browser context (own cookies) with the dashboard open and authenticated. */
  open(options?: { colorScheme?: 'light' | 'dark'; width?: number; height?: number }): Promise<Page>;
  /** Authenticated JSON call, as the page would make it. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  stderr(): string;
  /** Uncaught errors thrown in any page so far; a test ends by expecting none. */
  pageErrors(): string[];
  /** Stops the engine (and its server) while the browser stays open. */
  stopEngine(): Promise<void>;
  close(): Promise<void>;
}

export async function startDashboard(options: DashboardOptions = {}): Promise<Dashboard> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'dashlight-e2e-'));
  const db = join(dataDir, 'dashlight.db');
  if (options.seedDays) {
    // Up to the last whole minute, so the engine continues the record without a hole.
    // With the machine's network totals, which History charts by default (the bench's set lacks them).
    const series = defaultSyntheticSeries();
    series.hot.push('net.rx', 'net.tx');
    await writeSyntheticHistory(db, {
      end: Date.now(),
      days: options.seedDays,
      rawDays: 1,
      alignEnd: 'minute',
      series,
    });
  }
  if (options.config) writeFileSync(join(dataDir, 'config.json'), JSON.stringify(options.config, null, 2));

  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'dashlight.js'),
      'run',
      '--serve',
      '--port',
      '0',
      '--db',
      db,
      '--interval',
      options.interval ?? '1s',
    ],
    { env: { ...process.env, ...options.env, DASHLIGHT_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const url = await waitForUrl(child, () => stderr);
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    ...(options.downloadsPath ? { downloadsPath: options.downloadsPath } : {}),
  });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  return {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    pid: child.pid!,
    browser,
    async open({ colorScheme = 'light', width = 1360, height = 900 } = {}) {
      const context = await browser.newContext({ colorScheme, viewport: { width, height }, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(url);
      return page;
    },
    async call<T>(method: string, input?: unknown): Promise<T> {
      const response = await fetch(`${parsed.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: input === undefined ? '' : JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value as T;
    },
    stderr: () => stderr,
    pageErrors: () => [...pageErrors],
    stopEngine: () => stopChild(child),
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => fail(new Error(`no dashboard URL after 30 s; stderr:\n${stderr()}`)), 30_000);
    const check = () => {
      const match = stderr().match(/dashboard: (http:\/\/\S+\?token=\S+)/);
      if (match) done(match[1]!);
    };
    const onExit = (code: number | null) => fail(new Error(`dashlight exited (${code}) before serving:\n${stderr()}`));
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    function done(url: string) {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolvePromise(url);
    }
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Saves `test-output/screenshots/<name>.png` (full page) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
