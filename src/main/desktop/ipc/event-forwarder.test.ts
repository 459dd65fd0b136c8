import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow } from 'electron';
import { EVENT_NAMES, type DashlightEvents, type EventName } from '../../../shared/contract.js';
import { eventChannel } from '../../../shared/ipc-channels.js';
import { fake, type FakeBrowserWindow } from '../test-support/fake-electron.js';
import { forwardEvents, visibleWebContents, type EventSource } from './event-forwarder.js';
import { LiveSubscriptions } from './live-subscriptions.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

/** An engine-like event source, counting its listeners so tests can see unsubscribe work. */
function source(): EventSource & { emit(event: EventName, payload: unknown): void; count(): number } {
  const emitter = new EventEmitter();
  return {
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    emit: (event, payload) => emitter.emit(event, payload),
    count: () => EVENT_NAMES.reduce((n, e) => n + emitter.listenerCount(e), 0),
  };
}

let win: FakeBrowserWindow;
let events: ReturnType<typeof source>;
let stop: () => void;

beforeEach(() => {
  fake.reset();
  win = new BrowserWindow({}) as unknown as FakeBrowserWindow;
  events = source();
  stop = forwardEvents(events, () => visibleWebContents(win));
});

describe('forwardEvents', () => {
  it('subscribes to every contract event and forwards each to a visible window', () => {
    expect(events.count()).toBe(EVENT_NAMES.length);
    win.show();
    for (const name of EVENT_NAMES) events.emit(name, { name });
    expect(win.webContents.sent).toEqual(
      EVENT_NAMES.map((name) => ({ channel: eventChannel(name), payload: { name } })),
    );
  });

  it('sends nothing to a hidden window, and resumes when it is shown', () => {
    events.emit('status', { paused: false } as unknown as DashlightEvents['status']);
    expect(win.webContents.sent).toEqual([]);
    win.show();
    events.emit('status', { paused: true });
    win.hide();
    events.emit('status', { paused: false });
    expect(win.webContents.sent).toEqual([{ channel: 'dashlight:event:status', payload: { paused: true } }]);
  });

  it('sends nothing to an absent or destroyed window, and does not throw', () => {
    stop();
    let current: FakeBrowserWindow | null = null;
    stop = forwardEvents(events, () => visibleWebContents(current));
    expect(() => events.emit('sample', {})).not.toThrow();
    current = win;
    win.show();
    win.webContents.destroyed = true; // the renderer crashed while the window object lives on
    expect(() => events.emit('sample', {})).not.toThrow();
    win.destroy();
    expect(() => events.emit('sample', {})).not.toThrow();
    expect(win.webContents.sent).toEqual([]);
  });

  it('does not throw into the engine when send fails, and logs it', () => {
    stop();
    const log = { warn: vi.fn() };
    const failing = {
      isDestroyed: () => false,
      send: () => {
        throw new Error('An object could not be cloned.');
      },
    };
    stop = forwardEvents(events, () => failing, log);
    expect(() => events.emit('alert', {})).not.toThrow();
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'alert' }), expect.any(String));
  });

  it('stops forwarding after unsubscribe', () => {
    win.show();
    stop();
    expect(events.count()).toBe(0);
    events.emit('sample', {});
    expect(win.webContents.sent).toEqual([]);
    expect(() => stop()).not.toThrow();
  });

  it('narrows sample events to the window’s subscription, and leaves other events and other windows whole', () => {
    stop();
    const subscriptions = new LiveSubscriptions();
    stop = forwardEvents(events, () => visibleWebContents(win), undefined, subscriptions);
    win.show();
    const sample = { ts: 5, values: { 'cpu.total': 1, 'cpu.core[0]': 2, 'net.rx[cali0]': 3 }, gapBefore: true };
    events.emit('sample', sample);
    subscriptions.set(win.webContents, { series: ['cpu.total', 'cpu.core'] });
    events.emit('sample', sample);
    events.emit('status', { paused: false });
    expect(win.webContents.sent).toEqual([
      { channel: eventChannel('sample'), payload: sample },
      {
        channel: eventChannel('sample'),
        payload: { ts: 5, values: { 'cpu.total': 1, 'cpu.core[0]': 2 }, gapBefore: true },
      },
      { channel: eventChannel('status'), payload: { paused: false } },
    ]);
  });
});
