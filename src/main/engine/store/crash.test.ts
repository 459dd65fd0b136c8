import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { dbIn, useTempDir } from './test-support.js';

const script = fileURLToPath(new URL('./crash-writer.fixture.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const KILLS = 20;

/** Runs the writer until it has reported `lines` commits (or for `ms` when lines is 0), then SIGKILLs it. */
async function runAndKill(file: string, lines: number, extraMs: number, committed: number[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let buffered = '';
  let seen = 0;
  const exited = once(child, 'exit');
  await new Promise<void>((resolve) => {
    const kill = () => setTimeout(() => (child.kill('SIGKILL'), resolve()), extraMs);
    if (lines === 0) kill();
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const part of parts) committed.push(Number(part));
      seen += parts.length;
      if (lines > 0 && seen >= lines && seen - parts.length < lines) kill();
    });
    child.on('exit', () => resolve());
  });
  const [code, signal] = await exited;
  // A line fully printed before the kill was committed before it was printed.
  if (signal !== 'SIGKILL') throw new Error(`writer exited by itself (code ${code}): ${stderr}`);
}

describe('kill -9 during writes', () => {
  const dir = useTempDir();

  it(`loses no committed sample and keeps the file sound over ${KILLS} kills`, { timeout: 60_000 }, async () => {
    const file = dbIn(dir);
    const committed: number[] = [];
    for (let round = 0; round < KILLS; round++) {
      // Every fourth round kills early, possibly while opening or migrating.
      const early = round % 4 === 3;
      await runAndKill(
        file,
        early ? 0 : 1 + Math.floor(Math.random() * 40),
        Math.floor(Math.random() * (early ? 400 : 15)),
        committed,
      );
      const store = await MetricStore.open(file);
      expect(store.quarantined).toBeNull();
      expect(store.integrityCheck()).toBe('ok');
      store.close();
      const db = new Database(file, { readonly: true });
      const present = db.prepare<[number], number>('SELECT count(*) FROM samples WHERE ts = ?').pluck();
      const missing = committed.filter((ts) => present.get(ts) !== 1);
      db.close();
      expect(missing).toEqual([]);
    }
    expect(committed.length).toBeGreaterThan(KILLS);
  });
});
