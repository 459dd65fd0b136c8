/**
 * Resolves once the browser has painted what was just rendered: a frame callback runs before
 * the paint, and a task queued from it runs after. Used to time the History view's paint.
 *
 * @example
 * chart.render();
 * await afterPaint();
 * performance.measure('dashlight:history-paint', { start: t0, end: performance.now() });
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const later = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(later);
    else later();
  });
}
