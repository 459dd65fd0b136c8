// The crash the outbox is built for: the server has accepted a batch but the engine dies before
// it hears back. The built CLI runs for real; SIGKILL lands while the server holds the response.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../engine/push/test-support/recording-server.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'dashlight.js');
const children: ChildProcess[] = [];
let server: RecordingServer | undefined;

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
});

function run(db: string, config: string): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'run', '--db', db, '--config', config], { stdio: 'ignore' });
  children.push(child);
  return child;
}

interface Batch {
  batchId: string;
  samples: { ts: number }[];
}

describe('push: kill -9 after the server accepted, before the local ack', () => {
  it('re-sends the same batch id with the same bytes, and every sample arrives once after dedup', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-push-crash-'));
    const db = join(dir, 'dashlight.db');
    server = await startRecordingServer();
    server.hold(); // the first batch: accepted by the server, answer never reaches the engine
    const config = join(dir, 'settings.json');
    await writeFile(
      config,
      JSON.stringify({
        sampling: { interval: '1s' },
        storage: { commitInterval: '1s' },
        push: { targets: [{ name: 'api', kind: 'http-json', url: `${server.url}/bulk`, interval: '1s' }] },
      }),
    );

    const first = run(db, config);
    const [held] = await server.waitForRequests(1, 30_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    server.release(204);

    const second = run(db, config);
    await server.waitForRequests(3, 30_000);
    second.kill('SIGTERM');
    await once(second, 'exit');

    const resent = server.requests[1]!;
    expect(resent.headers['idempotency-key']).toBe(held!.headers['idempotency-key']);
    expect(resent.body.equals(held!.body)).toBe(true);

    const batches = server.requests.map((r) => JSON.parse(r.decodedBody!.toString()) as Batch);
    const delivered = [...new Set(batches.flatMap((b) => b.samples.map((s) => s.ts)))].sort((a, b) => a - b);
    // Exactly the stored samples up to the last one delivered: none missing, none extra.
    const listed = spawnSync(process.execPath, [BIN, 'list', '--db', db, '--json', '--limit', '5000'], {
      encoding: 'utf8',
    });
    const stored = (JSON.parse(listed.stdout) as { data: { ts: number }[] }).data
      .map((s) => s.ts)
      .sort((a, b) => a - b);
    expect(delivered).toEqual(stored.filter((ts) => ts <= delivered.at(-1)!));
    // And within each batch no sample repeats: duplicates only ever come from the one re-send.
    for (const batch of batches) expect(new Set(batch.samples.map((s) => s.ts)).size).toBe(batch.samples.length);
  });
});
