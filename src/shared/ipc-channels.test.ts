import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES } from './contract.js';
import { eventChannel, invokeChannel } from './ipc-channels.js';

describe('IPC channels', () => {
  it('names one distinct channel per method and per event', () => {
    expect(invokeChannel('list')).toBe('dashlight:invoke:list');
    expect(eventChannel('sample')).toBe('dashlight:event:sample');
    const channels = [...METHOD_NAMES.map(invokeChannel), ...EVENT_NAMES.map(eventChannel)];
    expect(new Set(channels).size).toBe(METHOD_NAMES.length + EVENT_NAMES.length);
  });
});
