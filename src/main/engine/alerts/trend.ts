/**
 * The "disk full within N hours" forecast: a least-squares line through recent readings, trusted
 * only when it is steady (enough points, rising, and a good fit).
 *
 * @example
 * const fit = fitLine(times, percents);
 * hoursUntilFull(fit, now, { minPoints: 30, minFit: 0.8 }) // e.g. 17.5, or Infinity when no steady rise
 */

export interface LineFit {
  /** Units per millisecond. */
  readonly slope: number;
  /** Value at t = 0 (the first point's time; see `t0`). */
  readonly intercept: number;
  readonly t0: number;
  /** Coefficient of determination, 0–1 (1 for a perfect line; 0 for a flat or noisy cloud). */
  readonly r2: number;
  readonly n: number;
  /** The last point's time. */
  readonly tEnd: number;
}

/** Least squares over (t, y) pairs; null values are skipped. Null when fewer than 2 points. */
export function fitLine(t: readonly number[], y: readonly (number | null)[]): LineFit | null {
  let n = 0;
  let t0 = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let tEnd = 0;
  for (let i = 0; i < t.length; i++) {
    const v = y[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (n === 0) t0 = t[i]!;
    // Times relative to the first point keep the sums well inside float precision.
    const x = t[i]! - t0;
    n++;
    sx += x;
    sy += v;
    sxx += x * x;
    sxy += x * v;
    syy += v * v;
    tEnd = t[i]!;
  }
  if (n < 2) return null;
  const varX = sxx - (sx * sx) / n;
  const varY = syy - (sy * sy) / n;
  const cov = sxy - (sx * sy) / n;
  if (varX <= 0) return null;
  const slope = cov / varX;
  const intercept = (sy - slope * sx) / n;
  const r2 = varY <= 0 ? 0 : Math.min(1, (cov * cov) / (varX * varY));
  return { slope, intercept, t0, r2, n, tEnd };
}

export interface SteadyTrend {
  readonly minPoints: number;
  readonly minFit: number;
}

/**
 * Hours from `now` until the fitted line reaches `full` (100 %). Infinity when the trend is not
 * steady: too few points, not rising, or a poor fit. 0 when the line is already past full.
 */
export function hoursUntilFull(fit: LineFit | null, now: number, steady: SteadyTrend, full = 100): number {
  if (!fit || fit.n < steady.minPoints || fit.slope <= 0 || fit.r2 < steady.minFit) return Number.POSITIVE_INFINITY;
  const current = fit.intercept + fit.slope * (now - fit.t0);
  if (current >= full) return 0;
  return (full - current) / fit.slope / 3_600_000;
}
