import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./test-support/fake-electron.js')).electron);

import type { StatusResult } from '../../shared/queries.js';
import { fake } from './test-support/fake-electron.js';
import { installTestHooks, TEST_HOOKS_GLOBAL, type TestHooks } from './test-hooks.js';
import { TrayController } from './tray/tray-controller.js';
import type { TrayActions } from './tray/tray-menu.js';

const status = { state: 'running', lastSampleTs: 1_767_225_600_000 } as StatusResult;

function setUp() {
  fake.reset();
  const clicked: string[] = [];
  const record = (name: string) => () => void clicked.push(name);
  const actions: TrayActions = {
    openAlert: record('openAlert'),
    sampleNow: record('sampleNow'),
    pauseSampling: record('pauseSampling'),
    resumeSampling: record('resumeSampling'),
    pausePush: record('pausePush'),
    resumePush: record('resumePush'),
    exportLast24h: record('exportLast24h'),
    openDashboard: record('openDashboard'),
    openSettings: record('openSettings'),
    quit: record('quit'),
  };
  const tray = new TrayController({ platform: 'linux', actions });
  tray.update({ values: {}, sampling: 'running', push: 'none', alerts: [], metrics: [] });
  const app = new EventEmitter();
  const target: Record<string, unknown> = {};
  const deps = {
    app,
    desktop: { trayMenu: () => tray.contextMenu },
    engine: { status: async () => status },
    target,
  };
  return { clicked, app, target, deps };
}

describe('installTestHooks', () => {
  let ctx: ReturnType<typeof setUp>;
  beforeEach(() => {
    ctx = setUp();
  });

  it('publishes nothing without DASHLIGHT_TEST_HOOKS=1', () => {
    for (const value of [undefined, '', '0', 'true', 'yes']) {
      expect(installTestHooks({ ...ctx.deps, env: { DASHLIGHT_TEST_HOOKS: value }, isPackaged: false })).toBe(false);
    }
    expect(ctx.target).toEqual({});
    expect(ctx.app.listenerCount('second-instance')).toBe(0);
  });

  it('publishes nothing in an installed app, even with the variable', () => {
    expect(installTestHooks({ ...ctx.deps, env: { DASHLIGHT_TEST_HOOKS: '1' }, isPackaged: true })).toBe(false);
    expect(ctx.target).toEqual({});
  });

  it('with the variable, reads the tray menu, clicks its items, reads the engine and counts later launches', async () => {
    expect(installTestHooks({ ...ctx.deps, env: { DASHLIGHT_TEST_HOOKS: '1' }, isPackaged: false })).toBe(true);
    const hooks = ctx.target[TEST_HOOKS_GLOBAL] as TestHooks;

    const menu = hooks.trayMenu();
    expect(menu?.find((item) => item.id === 'dashboard')).toEqual({
      id: 'dashboard',
      label: 'Open dashboard',
      type: 'normal',
      enabled: true,
      visible: true,
    });
    expect(menu?.find((item) => item.id === 'info.cpu')?.enabled).toBe(false);

    hooks.clickTrayItem('dashboard');
    hooks.clickTrayItem('quit');
    expect(ctx.clicked).toEqual(['openDashboard', 'quit']);
    expect(() => hooks.clickTrayItem('info.cpu')).toThrow('no clickable tray menu item "info.cpu"');
    expect(() => hooks.clickTrayItem('nope')).toThrow('no clickable tray menu item "nope"');

    expect(await hooks.status()).toBe(status);
    expect(hooks.secondInstances()).toBe(0);
    ctx.app.emit('second-instance');
    ctx.app.emit('second-instance');
    expect(hooks.secondInstances()).toBe(2);
  });
});
