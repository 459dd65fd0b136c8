import { describe, expect, it } from 'vitest';
import { parseHash } from './router.svelte.js';

describe('parseHash', () => {
  it('reads the view and its parameter, as the desktop shell links them', () => {
    expect(parseHash('#/alerts/12')).toEqual({ view: 'alerts', param: '12' });
    expect(parseHash('#/settings')).toEqual({ view: 'settings', param: null });
    expect(parseHash('#/history/cpu.core%5B0%5D')).toEqual({ view: 'history', param: 'cpu.core[0]' });
  });

  it('falls back to the overview for anything unknown', () => {
    expect(parseHash('')).toEqual({ view: 'overview', param: null });
    expect(parseHash('#/nope')).toEqual({ view: 'overview', param: null });
    expect(parseHash('#/constructor')).toEqual({ view: 'overview', param: null });
  });
});
