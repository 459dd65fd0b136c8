/**
 * Parses /proc/meminfo into bytes per field. `kB` values are multiplied by 1024 (the kernel's kB is
 * KiB); unitless fields (HugePages_Total) are kept as they are.
 *
 * @example
 * parseMeminfo('MemTotal:       16000000 kB\n').get('MemTotal') // 16384000000
 */
export function parseMeminfo(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([^:\s]+):\s+(\d+)(?:\s+(kB))?\s*$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    const value = Number(match[2]);
    fields.set(match[1], match[3] === 'kB' ? value * 1024 : value);
  }
  return fields;
}
