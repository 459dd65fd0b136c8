import { beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../shared/contract.js';
import { fake, electron as fakeElectron } from '../main/desktop/test-support/fake-electron.js';

vi.mock('electron', async () => (await import('../main/desktop/test-support/fake-electron.js')).electron);

let exposed: Record<string, unknown>;

beforeAll(async () => {
  fake.reset();
  await import('./index.js');
  exposed = fakeElectron.contextBridge.exposed.get('dashlight') as Record<string, unknown>;
});

describe('preload', () => {
  it('exposes window.dashlight and nothing else', () => {
    expect([...fakeElectron.contextBridge.exposed.keys()]).toEqual(['dashlight']);
    expect(exposed.transport).toBe('ipc');
  });

  it('never exposes ipcRenderer or a function that takes a channel', () => {
    const values = Object.values(exposed);
    expect(values).not.toContain(fakeElectron.ipcRenderer);
    for (const key of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'postMessage', 'removeListener']) {
      expect(exposed, key).not.toHaveProperty(key);
    }
    const callable = Object.keys(exposed).filter((key) => typeof exposed[key] === 'function');
    expect(callable.sort()).toEqual([...METHOD_NAMES, 'on', 'subscribe'].sort());
  });

  it('calls go over the contract channel, whatever the page passes', async () => {
    const status = exposed.status as (input?: unknown) => Promise<unknown>;
    await status('dashlight:invoke:pause');
    expect(fakeElectron.ipcRenderer.invoked.at(-1)).toEqual({
      channel: 'dashlight:invoke:status',
      args: ['dashlight:invoke:pause'],
    });
  });
});
