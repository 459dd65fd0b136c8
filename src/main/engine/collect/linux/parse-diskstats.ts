/**
 * Parses /proc/diskstats into byte counters per block device. The kernel always counts 512-byte
 * sectors here, whatever the device's real sector size, so bytes = sectors × 512.
 *
 * @example
 * parseDiskstats(' 254 0 vda 37537 11091 2418074 9158 59329 52699 5211456 24669 0 8820 35115')
 * // [{ name: 'vda', readBytes: 1238053888, writtenBytes: 2668265472 }]
 */
export interface DiskCounters {
  readonly name: string;
  readonly readBytes: number;
  readonly writtenBytes: number;
}

const SECTOR_BYTES = 512;

export function parseDiskstats(text: string): DiskCounters[] {
  const result: DiskCounters[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // major minor name reads merged sectors_read ms writes merged sectors_written ...
    if (fields.length < 10) continue;
    const name = fields[2];
    const sectorsRead = Number(fields[5]);
    const sectorsWritten = Number(fields[9]);
    if (!name || !Number.isFinite(sectorsRead) || !Number.isFinite(sectorsWritten)) continue;
    result.push({ name, readBytes: sectorsRead * SECTOR_BYTES, writtenBytes: sectorsWritten * SECTOR_BYTES });
  }
  return result;
}
