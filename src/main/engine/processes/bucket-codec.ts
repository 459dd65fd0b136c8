/**
 * One bucket of process history as bytes: the apps that made the bucket's top lists, packed as
 * unsigned varints (LEB128) so a quiet app costs a few bytes. A year of minutes at 1 Hz defaults
 * must fit a few tens of megabytes (docs/ARCHITECTURE.md, "Budgets").
 *
 * Layout (version 1): version, cores, spanMs, totalCpuCs, totalIoKib + 1 (0: unknown), count,
 * then per app: appId, cpuCs, peakRssKib, ioKib + 1 (0: unknown), commandId.
 *
 * @example
 * const data = encodeBucket({ cores: 8, spanMs: 60_000, totalCpuCs: 950, totalIoKib: 12, apps });
 * decodeBucket(data).apps[0] // { appId: 3, cpuCs: 1000, peakRssKib: 204_800, ioKib: null, commandId: 7 }
 */

export interface AppTotals {
  readonly appId: number;
  /** CPU time in hundredths of a second. */
  readonly cpuCs: number;
  /** The most resident memory held at once, in KiB. */
  readonly peakRssKib: number;
  /** Storage I/O in KiB; null when none of the app's processes could be read. */
  readonly ioKib: number | null;
  /** The app's busiest process in the bucket (process_commands.id). */
  readonly commandId: number;
}

export interface BucketData {
  readonly cores: number;
  /** Time covered by process readings in the bucket, in ms. */
  readonly spanMs: number;
  /** CPU of every process, listed or not, in hundredths of a second. */
  readonly totalCpuCs: number;
  readonly totalIoKib: number | null;
  readonly apps: readonly AppTotals[];
}

const VERSION = 1;

/** A growing byte buffer for varints, reused between encodes. */
class VarintWriter {
  private bytes = Buffer.allocUnsafe(1024);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  write(value: number): void {
    if (this.length + 8 > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    let v = Math.max(0, Math.round(value));
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  copy(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.length));
  }
}

const writer = new VarintWriter();

export function encodeBucket(bucket: BucketData): Buffer {
  writer.reset();
  writer.write(VERSION);
  writer.write(bucket.cores);
  writer.write(bucket.spanMs);
  writer.write(bucket.totalCpuCs);
  writer.write(bucket.totalIoKib === null ? 0 : bucket.totalIoKib + 1);
  writer.write(bucket.apps.length);
  for (const app of bucket.apps) {
    writer.write(app.appId);
    writer.write(app.cpuCs);
    writer.write(app.peakRssKib);
    writer.write(app.ioKib === null ? 0 : app.ioKib + 1);
    writer.write(app.commandId);
  }
  return writer.copy();
}

/** A bucket's header. */
export interface BucketHeader {
  cores: number;
  spanMs: number;
  totalCpuCs: number;
  totalIoKib: number | null;
  /** How many apps follow. */
  count: number;
}

/**
 * Reads a bucket's numbers in order: the header, then five numbers per app (appId, cpuCs,
 * peakRssKib, ioKib + 1, commandId). A method rather than a closure, so a year of hours decodes
 * without an allocation per number. Throws on bytes it does not understand rather than inventing
 * figures.
 */
export class BucketReader {
  private at = 0;

  constructor(private readonly data: Uint8Array) {}

  next(): number {
    const { data } = this;
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= data.length) throw new Error('process bucket ends mid-number: the row is damaged');
      const byte = data[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  header(): BucketHeader {
    const version = this.next();
    if (version !== VERSION) throw new Error(`process bucket of version ${version}: written by a newer Dashlight`);
    const cores = this.next();
    const spanMs = this.next();
    const totalCpuCs = this.next();
    const io = this.next();
    return { cores, spanMs, totalCpuCs, totalIoKib: io === 0 ? null : io - 1, count: this.next() };
  }
}

/**
 * Decodes a bucket whole (tests, tools; the query path reads with BucketReader as it merges).
 *
 * @example
 * decodeBucket(data) // { cores: 8, spanMs: 60_000, totalCpuCs: 1234, totalIoKib: null, apps: [...] }
 */
export function decodeBucket(data: Uint8Array): BucketData {
  const reader = new BucketReader(data);
  const { count, ...header } = reader.header();
  const apps: AppTotals[] = [];
  for (let i = 0; i < count; i++) {
    const appId = reader.next();
    const cpuCs = reader.next();
    const peakRssKib = reader.next();
    const io = reader.next();
    apps.push({ appId, cpuCs, peakRssKib, ioKib: io === 0 ? null : io - 1, commandId: reader.next() });
  }
  return { ...header, apps };
}
