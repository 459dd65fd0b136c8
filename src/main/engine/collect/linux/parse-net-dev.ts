/**
 * Parses /proc/net/dev into received/sent byte counters per interface.
 * A large counter can touch the colon ("eth0:4294967296 ..."), so lines are split on the first
 * colon, never on whitespace alone; interface names cannot contain a colon.
 *
 * @example
 * parseNetDev(text) // [{ iface: 'eth0', rxBytes: 610280146, txBytes: 1188272 }, ...]
 */
export interface NetDevCounters {
  readonly iface: string;
  readonly rxBytes: number;
  readonly txBytes: number;
}

export function parseNetDev(text: string): NetDevCounters[] {
  const result: NetDevCounters[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const iface = line.slice(0, colon).trim();
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    // Receive has 8 columns (bytes first), transmit starts at column 8 (bytes first).
    const rxBytes = Number(fields[0]);
    const txBytes = Number(fields[8]);
    if (iface === '' || !Number.isFinite(rxBytes) || !Number.isFinite(txBytes) || fields.length < 9) continue;
    result.push({ iface, rxBytes, txBytes });
  }
  return result;
}
