/**
 * A process alert on a real child: a rule watching a command line fires when the child is killed
 * and resolves when it is started again, through a running engine reading the real /proc every
 * second. Waits are for what the engine decided (the alert events), up to 20 s each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../shared/alerts.js';
import { parseSettings } from '../../../shared/settings.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../log/logger.js';
import { resolveDataPaths } from '../paths.js';
import { fakeCollectors } from '../test-support/fake-collectors.js';

const MARK = `dashlight-watched-${process.pid}`;
const children: ChildProcess[] = [];

function startWatched(): ChildProcess {
  const child = spawn(process.execPath, ['-e', `/* ${MARK} */ setInterval(() => {}, 1000)`], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function until(events: AlertEvent[], kind: AlertEvent['kind']): Promise<AlertEvent> {
  for (let i = 0; i < 200; i++) {
    const found = events.find((e) => e.kind === kind);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} event; got ${events.map((e) => e.kind).join(', ') || 'none'}`);
}

describe.skipIf(process.platform !== 'linux')('a process alert on a real child', () => {
  let engine: Engine | undefined;

  afterAll(async () => {
    await engine?.stop();
    for (const child of children) child.kill('SIGKILL');
  });

  it('fires when the child is killed and resolves when it is back', async () => {
    const settings = parseSettings({
      processes: { interval: '1s' },
      alerts: {
        rules: [{ name: 'Watched gone', kind: 'process', command: MARK, condition: 'not-running', for: '2s' }],
      },
    });
    engine = await Engine.open({
      paths: resolveDataPaths({ db: join(await mkdtemp(join(tmpdir(), 'dashlight-process-alert-')), 'dashlight.db') }),
      settings,
      log: silentLogger(),
      collectors: fakeCollectors(),
    });
    const events: AlertEvent[] = [];
    engine.on('alert', (e) => events.push(e));
    const first = startWatched();
    await engine.start();
    // Running: the rule sees one match and stays quiet while passes go by.
    for (let i = 0; i < 50 && (await engine.liveProcesses()) === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual([]);

    first.kill('SIGKILL');
    const firing = await until(events, 'firing');
    expect(firing).toMatchObject({
      ruleId: 'watched-gone',
      series: `process.count[/${MARK}/]`,
      severity: 'critical',
      value: 0,
    });
    expect(firing.text).toBe(
      `Watched gone is critical: nothing matching command /${MARK}/ is running for ${firing.text.match(/for (\S+)$/)?.[1]}`,
    );

    startWatched();
    const resolved = await until(events, 'resolved');
    expect(resolved).toMatchObject({ ruleId: 'watched-gone', value: 1 });
    expect(resolved.text).toBe(`Watched gone recovered: 1 process matching command /${MARK}/ running again`);
    const history = await engine.alertHistory({ rule: 'watched-gone', limit: 5, offset: 0 });
    expect(history.data.map((i) => i.state)).toEqual(['resolved']);
  }, 60_000);
});
