import { describe, expect, it, vi } from 'vitest';
import type { DashlightBridge } from '../../../shared/ipc-channels.js';
import { ClientError } from './client-error.js';
import { createClient } from './client.js';

function bridge(overrides: Partial<DashlightBridge>): DashlightBridge {
  return { transport: 'ipc', on: vi.fn(() => () => {}), ...overrides } as unknown as DashlightBridge;
}

describe('the IPC client', () => {
  it('is chosen when the preload exposed window.dashlight, and passes calls through', async () => {
    const status = vi.fn(async () => ({ state: 'running' }));
    const api = createClient({ dashlight: bridge({ status } as never) });
    expect(api.transport).toBe('ipc');
    expect(api.connection).toBe('open');
    expect(await api.status()).toEqual({ state: 'running' });
  });

  it("rebuilds the preload's plain-object failures as ClientErrors, issues included", async () => {
    const issues = [{ path: 'url', message: 'must be an http(s) URL' }];
    const api = createClient({
      dashlight: bridge({
        testTarget: vi.fn(async () => Promise.reject({ name: 'InputError', message: 'invalid', issues })),
        acknowledge: vi.fn(async () => Promise.reject(new Error('no alert 7'))),
      } as never),
    });
    const invalid = await api.testTarget({} as never).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ClientError);
    expect((invalid as ClientError).issueMap()).toEqual({ url: 'must be an http(s) URL' });
    await expect(api.acknowledge({ id: 7 })).rejects.toMatchObject({ name: 'Error', message: 'no alert 7' });
  });

  it('subscribes through the bridge', () => {
    const on = vi.fn(() => () => {});
    const api = createClient({ dashlight: bridge({ on } as never) });
    const listener = () => {};
    api.on('alert', listener);
    expect(on).toHaveBeenCalledWith('alert', listener);
  });

  it('falls back to HTTP without a bridge', () => {
    // jsdom has no EventSource; the HTTP client opens one at once.
    const opened: string[] = [];
    vi.stubGlobal(
      'EventSource',
      class {
        static CLOSED = 2;
        constructor(url: string) {
          opened.push(url);
        }
        addEventListener() {}
        close() {}
      },
    );
    try {
      const api = createClient({});
      expect(api.transport).toBe('http');
      expect(opened).toEqual(['/api/events']);
      api.close();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
