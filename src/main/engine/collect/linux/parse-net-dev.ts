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
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = parseLine(text, start, end);
    if (line) result.push(line);
    start = end + 1;
  }
  return result;
}

/**
 * One line: the interface before the first colon, then receive bytes (field 0) and transmit bytes
 * (field 8) of the whitespace-separated fields after it. Read field by field rather than split, as
 * a Kubernetes node lists hundreds of interfaces every tick.
 */
function parseLine(text: string, start: number, end: number): NetDevCounters | null {
  const colon = text.indexOf(':', start);
  if (colon < 0 || colon >= end) return null;
  const bar = text.indexOf('|', start);
  if (bar >= 0 && bar < end) return null;
  const iface = text.slice(start, colon).trim();
  let rxBytes = Number.NaN;
  let txBytes = Number.NaN;
  let field = 0;
  let i = colon + 1;
  while (i < end) {
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i >= end) break;
    const from = i;
    while (i < end && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
    if (field === 0) rxBytes = Number(text.slice(from, i));
    else if (field === 8) txBytes = Number(text.slice(from, i));
    field++;
  }
  // Receive has 8 columns (bytes first), transmit starts at column 8 (bytes first).
  if (iface === '' || !Number.isFinite(rxBytes) || !Number.isFinite(txBytes) || field < 9) return null;
  return { iface, rxBytes, txBytes };
}
