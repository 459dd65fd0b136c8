import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPrefs, PREFS_KEY, savePrefs } from './history-prefs.js';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('history prefs', () => {
  it('round-trips the range and the series', () => {
    savePrefs({ range: { kind: 'custom', from: 1000, to: 2000 }, series: ['cpu.total', 'net.rx[eth0]'] });
    expect(loadPrefs()).toEqual({
      range: { kind: 'custom', from: 1000, to: 2000 },
      series: ['cpu.total', 'net.rx[eth0]'],
    });
  });

  it('drops what it cannot use', () => {
    localStorage.setItem(
      PREFS_KEY,
      JSON.stringify({ range: { kind: 'preset', id: '2w' }, series: ['cpu.total', 'x', 7] }),
    );
    expect(loadPrefs()).toEqual({ series: ['cpu.total'] });
    localStorage.setItem(PREFS_KEY, JSON.stringify({ range: { kind: 'custom', from: 5, to: 5 } }));
    expect(loadPrefs()).toEqual({});
    localStorage.setItem(PREFS_KEY, '{not json');
    expect(loadPrefs()).toEqual({});
  });

  it('works without storage', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(loadPrefs()).toEqual({});
    expect(() => savePrefs({ range: { kind: 'preset', id: '1h' }, series: [] })).not.toThrow();
  });
});
