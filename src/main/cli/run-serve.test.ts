// `dashlight run --serve`, spawned from the built CLI as a user would run it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let bin = join(ROOT, 'bin', 'dashlight.js');
let privateBuild: string | null = null;

/** Newest modification time of the sources bundled into out/main (tests excluded). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const built = join(ROOT, 'out', 'main', 'cli.js');
  const sources = Math.max(newestSource(join(ROOT, 'src', 'main')), newestSource(join(ROOT, 'src', 'shared')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  // Stale: build a private copy rather than rebuild out/main under other spawned-CLI tests running now.
  const copy = (privateBuild = join(ROOT, 'test-output', `run-serve-${process.pid}`));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--mode', 'main', '--outDir', join(copy, 'out', 'main')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build --mode main failed:\n${build.stderr}`);
  mkdirSync(join(copy, 'bin'), { recursive: true });
  for (const file of ['dashlight.js', 'lean-runtime.js', 'node-guard.js'])
    copyFileSync(join(ROOT, 'bin', file), join(copy, 'bin', file));
  bin = join(copy, 'bin', 'dashlight.js');
}, 120_000);

afterAll(() => {
  if (privateBuild) rmSync(privateBuild, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
}

function get(url: string, init: { method?: string; token?: string; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const req = request(url, { method: init.method ?? 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Resolves with the stream's text once it holds a `sample` event. */
function firstSample(url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (/event: sample\ndata: .*\n\n/.test(text)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

describe('dashlight run --serve (spawned)', () => {
  it('serves the API and the event stream behind the printed token, and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-run-serve-'));
    const child = spawn(
      process.execPath,
      [bin, 'run', '--serve', '--port', '0', '--db', join(dir, 'dashlight.db'), '--interval', '1s'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const deadline = Date.now() + 20_000;
      let match: RegExpExecArray | null = null;
      while (!(match = /dashboard: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]{43})\n/.exec(stderr))) {
        if (Date.now() > deadline) throw new Error(`no dashboard URL printed; stderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const [, origin, , token] = match as unknown as [string, string, string, string];

      expect((await get(`${origin}/api/status`, { method: 'POST', body: '' })).status).toBe(401);
      const status = await get(`${origin}/api/status`, { method: 'POST', token, body: '' });
      expect(status.status).toBe(200);
      expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { state: 'running', intervalMs: 1000 } });

      const events = await firstSample(`${origin}/api/events`, token);
      const sample = JSON.parse(/event: sample\ndata: (.*)\n/.exec(events)![1]!);
      expect(sample.values['cpu.total']).toEqual(expect.any(Number));

      // The dashboard is served from out/renderer beside out/main when it is built; 503 otherwise.
      const outDir = join(bin, '..', '..', 'out');
      const page = await get(`${origin}/`, { token });
      const built = existsSync(join(outDir, 'renderer', 'index.html'));
      expect(page.status).toBe(built ? 200 : 503);
      if (!built) expect(page.body).toBe('the dashboard is not built; run npm run build\n');

      if (process.platform !== 'win32') expect(statSync(join(dir, 'server-token')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'server-token'), 'utf8').trim()).toBe(token);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/stopped cleanly/);
    // The printed URL is the one place the token appears: the log has where the dashboard is, not the token.
    const token = readFileSync(join(dir, 'server-token'), 'utf8').trim();
    const log = readFileSync(join(dir, 'logs', 'dashlight.log'), 'utf8');
    expect(log).not.toContain(token);
    const listening = log.split('\n').find((line) => line.includes('web dashboard listening'));
    expect(JSON.parse(listening!).rendererDir).toBe(join(bin, '..', '..', 'out', 'renderer') + sep);
  });
});

describe('dashlight run flags (in-process)', () => {
  async function run(...argv: string[]) {
    const io = captureIo();
    const code = await main(['run', ...argv], io);
    return { code, err: io.stderr.join('') };
  }

  it('refuses --port and --host without --serve, and a port out of range', async () => {
    expect(await run('--port', '8080')).toEqual({
      code: 2,
      err: 'dashlight: --port only applies with --serve (dashlight run --serve --port …)',
    });
    expect((await run('--host', '0.0.0.0')).err).toMatch(/--host only applies with --serve/);
    expect(await run('--serve', '--port', '70000')).toEqual({
      code: 2,
      err: 'dashlight: --port: "70000" must be a whole number from 0 to 65535',
    });
    expect((await run('--serve', '--port', 'x')).code).toBe(2);
  });
});
