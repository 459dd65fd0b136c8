import { describe, expect, it } from 'vitest';
import { canZoomIn, describeRange, fitRange, maxPointsFor, MIN_SPAN_MS, zoomIn, zoomOut } from './history-range.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

describe('history ranges', () => {
  it('asks for two points per canvas pixel, within 200..4000', () => {
    expect(maxPointsFor(640)).toBe(1280);
    expect(maxPointsFor(640.4)).toBe(1281);
    expect(maxPointsFor(50)).toBe(200);
    expect(maxPointsFor(0)).toBe(200);
    expect(maxPointsFor(Number.NaN)).toBe(200);
    expect(maxPointsFor(2560)).toBe(4000);
  });

  it('halves and doubles around the centre, never past now', () => {
    const range = { from: NOW - 4 * HOUR, to: NOW - 2 * HOUR };
    expect(zoomIn(range, NOW)).toEqual({ from: NOW - 3.5 * HOUR, to: NOW - 2.5 * HOUR });
    expect(zoomOut(range, NOW)).toEqual({ from: NOW - 5 * HOUR, to: NOW - HOUR });
    // Doubling a span that ends now shifts it back rather than reaching into the future.
    expect(zoomOut({ from: NOW - HOUR, to: NOW }, NOW)).toEqual({ from: NOW - 2 * HOUR, to: NOW });
  });

  it('stops zooming in at a minute and grows narrow drags to it', () => {
    const minute = { from: NOW - MIN_SPAN_MS, to: NOW };
    expect(canZoomIn(minute)).toBe(false);
    expect(zoomIn(minute, NOW)).toEqual(minute);
    expect(fitRange(NOW - 10 * HOUR, NOW - 10 * HOUR + 1000, NOW)).toEqual({
      from: NOW - 10 * HOUR + 500 - MIN_SPAN_MS / 2,
      to: NOW - 10 * HOUR + 500 + MIN_SPAN_MS / 2,
    });
    expect(fitRange(NOW + HOUR, NOW - HOUR, NOW)).toEqual({ from: NOW - 2 * HOUR, to: NOW });
    expect(fitRange(-HOUR, HOUR, NOW)).toEqual({ from: 0, to: 2 * HOUR });
  });

  it('describes a preset by its span and end, and other ranges by both ends', () => {
    const range = { from: NOW - 24 * HOUR, to: NOW };
    const end = new Intl.DateTimeFormat(navigator.language, { hour: '2-digit', minute: '2-digit' }).format(NOW);
    expect(describeRange(range, { kind: 'preset', id: '24h' }, false, NOW)).toBe(`24 hours to ${end}`);
    const zoomed = describeRange({ from: NOW - HOUR, to: NOW }, { kind: 'preset', id: '24h' }, true, NOW);
    expect(zoomed).toMatch(/ to /);
    expect(zoomed).not.toMatch(/hours/);
    // Another year carries the year.
    expect(describeRange({ from: 0, to: HOUR }, { kind: 'custom', from: 0, to: HOUR }, false, NOW)).toMatch(/1970/);
  });
});
