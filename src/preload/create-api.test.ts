import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../shared/contract.js';
import { SUBSCRIBE_CHANNEL, eventChannel, invokeChannel } from '../shared/ipc-channels.js';
import { fake, electron as fakeElectron } from '../main/desktop/test-support/fake-electron.js';
import { createDashlightApi } from './create-api.js';

const ipcRenderer = fakeElectron.ipcRenderer;

beforeEach(() => {
  fake.reset();
  ipcRenderer.respond = async () => ({ ok: true, value: null });
});

describe('createDashlightApi', () => {
  it('has a named function per contract method, `on`, `subscribe`, and nothing else callable', () => {
    const api = createDashlightApi(ipcRenderer);
    const functions = Object.entries(api).filter(([, value]) => typeof value === 'function');
    expect(functions.map(([key]) => key).sort()).toEqual([...METHOD_NAMES, 'on', 'subscribe'].sort());
    for (const name of METHOD_NAMES) expect(api[name].name).toBe(name);
    expect(api.transport).toBe('ipc');
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on', 'subscribe', 'transport'].sort());
  });

  it('`subscribe` sends the subscription on its own channel and rejects as methods do', async () => {
    const api = createDashlightApi(ipcRenderer);
    await api.subscribe({ series: ['cpu.total', 'cpu.core'] });
    expect(ipcRenderer.invoked).toEqual([
      { channel: SUBSCRIBE_CHANNEL, args: [{ series: ['cpu.total', 'cpu.core'] }] },
    ]);
    const issues = [{ path: 'series.0', message: 'unknown series: see the metric list in the README' }];
    ipcRenderer.respond = async () => ({ ok: false, error: { name: 'InputError', message: 'invalid', issues } });
    await expect(api.subscribe({ series: ['nope'] })).rejects.toEqual({
      name: 'InputError',
      message: 'invalid',
      issues,
    });
  });

  it('invokes the method channel with the input and unwraps the value', async () => {
    const api = createDashlightApi(ipcRenderer);
    ipcRenderer.respond = async () => ({ ok: true, value: { rows: [], total: 0 } });
    await expect(api.list({ page: 2 })).resolves.toEqual({ rows: [], total: 0 });
    await api.status();
    expect(ipcRenderer.invoked).toEqual([
      { channel: invokeChannel('list'), args: [{ page: 2 }] },
      { channel: invokeChannel('status'), args: [undefined] },
    ]);
  });

  it('rejects with a plain object carrying the wire error name, message and issues (contextBridge keeps those whole)', async () => {
    const api = createDashlightApi(ipcRenderer);
    const issues = [{ path: 'page', message: 'too small' }];
    ipcRenderer.respond = async () => ({ ok: false, error: { name: 'InputError', message: 'invalid', issues } });
    const error = await api.list({ page: 0 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error);
    expect(error).toEqual({ name: 'InputError', message: 'invalid', issues });

    ipcRenderer.respond = async () => ({ ok: false, error: { name: 'NotFoundError', message: 'no alert 7' } });
    await expect(api.acknowledge({ id: 7 })).rejects.toMatchObject({ name: 'NotFoundError', message: 'no alert 7' });
  });

  it('reports a malformed response as a failure named Error instead of a TypeError', async () => {
    const api = createDashlightApi(ipcRenderer);
    ipcRenderer.respond = async () => undefined;
    await expect(api.status()).rejects.toMatchObject({ name: 'Error', message: 'malformed IPC response' });
  });

  it('`on` delivers only the payload, and its unsubscribe removes exactly that listener', () => {
    const api = createDashlightApi(ipcRenderer);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.on('sample', first);
    api.on('sample', second);
    const ipcEvent = { sender: ipcRenderer };
    ipcRenderer.fire(eventChannel('sample'), ipcEvent, { t: 1 });
    expect(first).toHaveBeenCalledExactlyOnceWith({ t: 1 });
    stopFirst();
    stopFirst(); // idempotent: must not remove anyone else's listener
    ipcRenderer.fire(eventChannel('sample'), ipcEvent, { t: 2 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second.mock.calls).toEqual([[{ t: 1 }], [{ t: 2 }]]);
    expect(ipcRenderer.listenerCount(eventChannel('sample'))).toBe(1);
  });

  it('subscribes to every contract event, and throws on an unknown one', () => {
    const api = createDashlightApi(ipcRenderer);
    for (const name of EVENT_NAMES) api.on(name, () => {});
    for (const name of EVENT_NAMES) expect(ipcRenderer.listenerCount(eventChannel(name))).toBe(1);
    expect(() => api.on('dashlight:invoke:pause' as EventName, () => {})).toThrow(/unknown event/);
    expect(() => api.on('constructor' as EventName, () => {})).toThrow(/unknown event/);
    expect(() => api.on('sample', 'not a function' as never)).toThrow(TypeError);
  });
});
