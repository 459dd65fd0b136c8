/**
 * Series keys the user typed, checked against what this machine has: a mistyped key is refused
 * with the nearest real ones, so `history --metric cpu.totl` says "did you mean cpu.total?"
 * instead of answering with nothing.
 *
 * @example
 * checkSeries('--metric', ['cpu.totl'], ['cpu.total', 'net.rx[eth0]']);
 * // throws UsageError('--metric cpu.totl: no such series; did you mean cpu.total? …')
 */
import { distance } from 'fastest-levenshtein';
import { AGGREGATE_KEYS, isKnownSeries, METRICS, parseSeriesKey, type MetricInfo } from '../../shared/metrics.js';
import { UsageError } from './cli-io.js';
import { sortKeys } from './format.js';

/** The catalogue's machine-wide keys: what any machine may have before it has stored anything. */
export function catalogueKeys(): string[] {
  const aggregates: readonly string[] = AGGREGATE_KEYS;
  return Object.entries(METRICS as Record<string, MetricInfo>)
    .filter(([key, info]) => !info.perEntity || aggregates.includes(key))
    .map(([key]) => key);
}

/**
 * Up to three candidates nearest to `given`: within an edit distance of about a third of its
 * length (at least 2), closest first, then in catalogue order; a candidate that starts with
 * `given` counts as one edit away.
 */
export function nearestSeries(given: string, candidates: readonly string[]): string[] {
  const wanted = given.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return sortKeys([...new Set(candidates)])
    .map((key, order) => {
      const lower = key.toLowerCase();
      const score = lower.startsWith(wanted) ? 1 : distance(wanted, lower);
      return { key, order, score };
    })
    .filter((c) => c.score <= limit)
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, 3)
    .map((c) => c.key);
}

/**
 * Refuses any key that is not a catalogued series, and any `metric[entity]` whose entity this
 * database has never stored (when it has stored something), naming the nearest keys it knows.
 * A bare per-entity metric (`fs.used_pct`: every mount) is a known key.
 */
export function checkSeries(flag: string, given: readonly string[], stored: readonly string[]): void {
  const candidates = [...stored, ...catalogueKeys()];
  for (const key of given) {
    const { entity } = parseSeriesKey(key);
    const unknown = !isKnownSeries(key);
    const unseen = !unknown && entity !== undefined && stored.length > 0 && !stored.includes(key);
    if (!unknown && !unseen) continue;
    const near = nearestSeries(key, candidates).filter((k) => k !== key);
    const problem = unknown ? 'no such series' : 'this machine has stored no such series';
    const hint = near.length > 0 ? `; did you mean ${orList(near)}?` : '';
    throw new UsageError(`${flag} ${key}: ${problem}${hint} ("dashlight metrics" lists every series this machine has)`);
  }
}

/** "a", "a or b", "one of a, b or c". */
function orList(items: readonly string[]): string {
  if (items.length === 1) return items[0]!;
  const list = `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
  return items.length > 2 ? `one of ${list}` : list;
}
