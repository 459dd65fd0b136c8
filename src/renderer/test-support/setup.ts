/**
 * jsdom lacks what Chart.js and the theme need (canvas 2D, matchMedia, ResizeObserver). These
 * stand-ins only let components mount; what charts draw is checked in real Chromium (e2e).
 */
import { vi } from 'vitest';

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// Chart.js asks for a 2D context; jsdom has none. A recording proxy answers every call.
HTMLCanvasElement.prototype.getContext = vi.fn(function (this: HTMLCanvasElement) {
  const target = { canvas: this } as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get(obj, key) {
      if (key in obj) return obj[key];
      if (key === 'measureText') return () => ({ width: 10, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 });
      if (key === 'getImageData' || key === 'createImageData') return () => ({ data: new Uint8ClampedArray(4) });
      if (key === 'createLinearGradient' || key === 'createRadialGradient' || key === 'createPattern')
        return () => ({ addColorStop: () => {} });
      if (key === 'getLineDash') return () => [];
      return () => {};
    },
    set(obj, key, value) {
      obj[key] = value;
      return true;
    },
  });
}) as unknown as typeof HTMLCanvasElement.prototype.getContext;
