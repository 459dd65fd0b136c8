/**
 * Parses /proc/loadavg ("0.44 0.34 0.18 1/86 8135") into the 1, 5 and 15 minute averages.
 *
 * @example
 * parseLoadavg('0.44 0.34 0.18 1/86 8135\n') // [0.44, 0.34, 0.18]
 */
export function parseLoadavg(text: string): [number, number, number] | undefined {
  const [one, five, fifteen] = text.trim().split(/\s+/).map(Number);
  if (one === undefined || five === undefined || fifteen === undefined) return undefined;
  if (![one, five, fifteen].every(Number.isFinite)) return undefined;
  return [one, five, fifteen];
}
