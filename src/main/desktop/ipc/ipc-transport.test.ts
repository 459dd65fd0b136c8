import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { ipcMain } from 'electron';
import { InputError, METHOD_NAMES, NotFoundError } from '../../../shared/contract.js';
import { SettingsError } from '../../../shared/settings-error.js';
import { invokeChannel } from '../../../shared/ipc-channels.js';
import { fake, electron as fakeElectron } from '../test-support/fake-electron.js';
import { registerIpc, type IpcLog } from './ipc-transport.js';
import { trustedSenderCheck } from './trusted-sender.js';
import { APP_URL, invokeAs, pathsNamed, stubHandlers, type StubHandlers } from './test-helpers.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const VALID_RULE = { name: 'Hot CPU', metric: 'cpu.total', comparator: 'above', critical: 95, for: '1m' };

let handlers: StubHandlers;
let log: { warn: Mock<IpcLog['warn']> };
let unregister: () => void;

beforeEach(() => {
  fake.reset();
  handlers = stubHandlers();
  log = { warn: vi.fn() };
  unregister = registerIpc({ ipcMain, handlers, isTrustedSender: trustedSenderCheck(APP_URL), log });
});

const call = (method: (typeof METHOD_NAMES)[number], input?: unknown) =>
  fakeElectron.ipcMain.invoke(invokeChannel(method), APP_URL, input);

describe('registerIpc', () => {
  it('registers exactly one handler per contract method, and unregister removes them all', () => {
    expect([...fakeElectron.ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(invokeChannel).sort());
    unregister();
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
  });

  it('passes parsed input (with defaults) from a trusted sender to the handler', async () => {
    handlers.list.mockResolvedValue({ rows: [], total: 0 });
    await expect(call('list', {})).resolves.toEqual({ ok: true, value: { rows: [], total: 0 } });
    expect(handlers.list).toHaveBeenCalledWith({ page: 1, limit: 50 });
  });

  it('accepts the renderer page with a client-side route in the hash', async () => {
    await expect(call('status')).resolves.toEqual({ ok: true, value: {} });
    const routed = await invokeAs(invokeChannel('status'), { url: `${APP_URL}#/settings`, parent: null });
    expect(routed).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a subframe of our page', { url: APP_URL, parent: { url: APP_URL, parent: null } }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['a data: URL', { url: 'data:text/html,<script>1</script>', parent: null }],
    ['another local file', { url: 'file:///tmp/evil.html', parent: null }],
    ['a disposed frame', null],
  ])('rejects %s with ForbiddenError and never calls the handler', async (_label, senderFrame) => {
    const result = await invokeAs(invokeChannel('pause'), senderFrame);
    expect(result).toEqual({ ok: false, error: { name: 'ForbiddenError', message: expect.any(String) } });
    expect(handlers.pause).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ method: 'pause' }), expect.any(String));
  });

  it('returns an InputError with issues for bad input, without calling the handler', async () => {
    const result = await call('history', { series: ['no.such.metric'], from: -1, to: 0 });
    expect(result).toMatchObject({ ok: false, error: { name: 'InputError', message: expect.any(String) } });
    const issues = (result as { error: { issues: { path: string }[] } }).error.issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['series.0', 'from']));
    expect(handlers.history).not.toHaveBeenCalled();
  });

  it('keeps the name of NotFoundError and the issues of SettingsError', async () => {
    handlers.acknowledge.mockRejectedValue(new NotFoundError('no alert instance 7'));
    await expect(call('acknowledge', { id: 7 })).resolves.toEqual({
      ok: false,
      error: { name: 'NotFoundError', message: 'no alert instance 7' },
    });
    const issues = [{ path: 'sampling.interval', message: 'too small' }];
    handlers.updateSettings.mockRejectedValue(new SettingsError('invalid settings', issues));
    await expect(call('updateSettings', { sampling: { interval: 0 } })).resolves.toEqual({
      ok: false,
      error: { name: 'SettingsError', message: 'invalid settings', issues },
    });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('keeps an InputError thrown by the handler itself typed', async () => {
    handlers.saveRule.mockRejectedValue(new InputError('saveRule', [{ path: 'name', message: 'taken' }]));
    await expect(call('saveRule', VALID_RULE)).resolves.toMatchObject({
      ok: false,
      error: { name: 'InputError', issues: [{ path: 'name', message: 'taken' }] },
    });
  });

  it('flattens any other error to { name: "Error", message } with no stack anywhere', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    handlers.sampleNow.mockRejectedValue(bug);
    const result = await call('sampleNow');
    expect(result).toEqual({ ok: false, error: { name: 'Error', message: 'cannot read properties of undefined' } });
    expect(pathsNamed(result, 'stack')).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith({ method: 'sampleNow', err: bug }, 'IPC handler failed');

    handlers.rolling.mockRejectedValue('a string with secrets');
    await expect(call('rolling')).resolves.toEqual({ ok: false, error: { name: 'Error', message: 'internal error' } });
  });

  it('treats a throwing sender check as untrusted', async () => {
    unregister();
    registerIpc({
      ipcMain,
      handlers,
      isTrustedSender: () => {
        throw new Error('frame disposed');
      },
    });
    await expect(call('status')).resolves.toMatchObject({ ok: false, error: { name: 'ForbiddenError' } });
    expect(handlers.status).not.toHaveBeenCalled();
  });
});
