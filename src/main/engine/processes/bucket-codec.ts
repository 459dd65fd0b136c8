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
 * decodeBucket(data, (app) => console.log(app.appId, app.cpuCs));
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

/** A bucket's header; the apps go to `visit` one by one, in the one object reused for each. */
export interface BucketHeader {
  cores: number;
  spanMs: number;
  totalCpuCs: number;
  totalIoKib: number | null;
}

/** Mutable on purpose: decoding a year of buckets must not allocate an object per app. */
export interface AppCursor {
  appId: number;
  cpuCs: number;
  peakRssKib: number;
  ioKib: number | null;
  commandId: number;
}

/**
 * Decodes a bucket: fills `header` and calls `visit` with a cursor per app (copy what you keep).
 * Throws on bytes it does not understand rather than inventing figures.
 */
export function decodeBucket(
  data: Uint8Array,
  visit: (app: AppCursor) => void,
  header: BucketHeader = { cores: 0, spanMs: 0, totalCpuCs: 0, totalIoKib: null },
): BucketHeader {
  let at = 0;
  const read = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= data.length) throw new Error('process bucket ends mid-number: the row is damaged');
      const byte = data[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  const version = read();
  if (version !== VERSION) throw new Error(`process bucket of version ${version}: written by a newer Dashlight`);
  header.cores = read();
  header.spanMs = read();
  header.totalCpuCs = read();
  const io = read();
  header.totalIoKib = io === 0 ? null : io - 1;
  const count = read();
  const cursor: AppCursor = { appId: 0, cpuCs: 0, peakRssKib: 0, ioKib: null, commandId: 0 };
  for (let i = 0; i < count; i++) {
    cursor.appId = read();
    cursor.cpuCs = read();
    cursor.peakRssKib = read();
    const appIo = read();
    cursor.ioKib = appIo === 0 ? null : appIo - 1;
    cursor.commandId = read();
    visit(cursor);
  }
  return header;
}
