// `npx dashlight …` as a user types it in a fresh clone: the system's own npm, on the system's own
// Node (older than Dashlight needs, on this machine), running the bin with the bundled Node 24.
// The command prints only its own output, and Ctrl-C ends with status 130 after committing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALWAYS_FIRING_LINE, alwaysFiringConfig } from './test-support/always-firing.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// The user's PATH: without this project's node_modules (which `npm test` puts first).
const userPath = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && !dir.startsWith(join(ROOT, 'node_modules')))
  .join(delimiter);
const npx = userPath.split(delimiter).find((dir) => existsSync(join(dir, 'npx')));
if (!npx) {
  // eslint-disable-next-line no-console -- a skipped suite must say why, loudly.
  console.warn('npx.test.ts: not run, because no npx outside this project is on PATH (install npm)');
}

const temp: string[] = [];
afterAll(() => temp.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
}

/** A fresh npm cache, as on a machine that never ran `npx dashlight` here (npm's first-run path). */
async function userEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const cache = await tempDir('dashlight-npm-cache-');
  return { ...process.env, PATH: userPath, npm_config_cache: cache, npm_config_update_notifier: 'false', ...extra };
}

/** What a shell reports: the exit code, or 128 + the signal's number. */
function shellStatus(code: number | null, signal: NodeJS.Signals | null): number {
  return code ?? 128 + constants.signals[signal!];
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
  });
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(shellStatus(code, signal))));
}

describe.runIf(npx)('npx dashlight (system npm and Node)', () => {
  it('prints only the command’s own output', async () => {
    const result = spawnSync('npx', ['dashlight', '--version'], { cwd: ROOT, env: await userEnv(), encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
    });
  });

  // npm runs the bin through its script shell. Debian's sh (dash) stays in between and ends by the
  // signal itself; bash hands over to dashlight, whose own status then comes through npm.
  it.each([
    ['sh', {}],
    ['bash', { npm_config_script_shell: '/bin/bash' }],
  ])('Ctrl-C commits what is buffered and ends with status 130 (script shell %s)', async (_shell, shell) => {
    const dir = await tempDir('dashlight-npx-run-');
    const db = join(dir, 'dashlight.db');
    // A rule that fires on the first sample: its line on stdout says a sample is in the buffer.
    const config = await alwaysFiringConfig(dir);
    // Its own process group, like a terminal's foreground job: Ctrl-C signals npm, sh and dashlight.
    const child = spawn('npx', ['dashlight', 'run', '--db', db, '--config', config, '--interval', '1s'], {
      cwd: ROOT,
      env: await userEnv(shell),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = exited(child);
    const alert = await firstLine(child.stdout!);
    process.kill(-child.pid!, 'SIGINT');
    expect(await status).toBe(130);
    expect(alert).toMatch(ALWAYS_FIRING_LINE);
    expect(stderr).toBe(
      [
        `Dashlight ${VERSION}: sampling every 1s into ${db}`,
        'alerts: 1 rule on, notifying the log; transitions print here',
        `logs: ${join(dir, 'logs')}; press Ctrl-C to stop`,
        'dashlight: SIGINT received, committing buffered samples…',
        'dashlight: stopped cleanly',
        '',
      ].join('\n'),
    );
    // Commits are every 10 s: the sample behind the alert is on disk because the stop committed it.
    const list = spawnSync(process.execPath, [join(ROOT, 'bin', 'dashlight.js'), 'list', '--db', db, '--json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(list.stdout).pagination.total).toBeGreaterThanOrEqual(1);
  });
});
