/**
 * A moment as a distance from now, for what is about to happen or just did: "in 24 s",
 * "in 3 min", "2 h ago". Whole units, the largest that fits; "now" within a second.
 *
 * @example
 * relativeTime(now + 24_000, now) // 'in 24 s'
 * relativeTime(now - 2 * 3_600_000, now) // '2 h ago'
 */
const UNITS: readonly [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

export function relativeTime(ts: number, now: number): string {
  const delta = ts - now;
  const size = Math.abs(delta);
  if (size < 1000) return 'now';
  const [unit, name] = UNITS.find(([ms]) => size >= ms)!;
  const count = Math.floor(size / unit);
  return delta > 0 ? `in ${count} ${name}` : `${count} ${name} ago`;
}
