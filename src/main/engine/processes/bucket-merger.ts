/**
 * Adds buckets together: CPU time and storage I/O summed, peak memory the highest, each app's
 * command the one from the bucket where it used the most CPU. Rollups merge minutes into hours;
 * queries merge a range's buckets into one ranking. Per-app figures live in arrays indexed by
 * app id (small and dense), so a year of buckets merges without a map lookup per app.
 *
 * @example
 * const merged = new BucketMerger();
 * for (const data of rows) merged.add(data);
 * merged.result(15) // BucketData with the top 15 by CPU, by memory and by I/O
 */
import { BucketReader, type AppTotals, type BucketData } from './bucket-codec.js';
import { selectTop } from './top-selection.js';

/** Per-app columns, grown as app ids grow (the catalogue hands them out densely from 1). */
function grow(column: Float64Array<ArrayBuffer>, size: number, fill: number): Float64Array<ArrayBuffer> {
  if (size <= column.length) return column;
  const bigger = new Float64Array(Math.max(size, column.length * 2)).fill(fill);
  bigger.set(column);
  return bigger;
}

export class BucketMerger {
  cores = 0;
  spanMs = 0;
  totalCpuCs = 0;
  totalIoKib: number | null = null;
  buckets = 0;
  /** Ids of the apps met, in the order first met. */
  readonly ids: number[] = [];
  cpuCs = new Float64Array(64);
  peakRssKib = new Float64Array(64);
  /** -1: no readable I/O in any bucket yet. */
  ioKib = new Float64Array(64).fill(-1);
  commandId = new Float64Array(64);
  private bestCpu = new Float64Array(64).fill(-1);
  private met = new Uint8Array(64);

  /** Adds one encoded bucket, read in place (no object per app: a year of hours is a quarter of a million). */
  add(data: Uint8Array): void {
    const reader = new BucketReader(data);
    const header = reader.header();
    this.addHeader(header);
    for (let i = 0; i < header.count; i++) {
      const appId = reader.next();
      const cpuCs = reader.next();
      const peakRssKib = reader.next();
      const io = reader.next();
      this.addApp(appId, cpuCs, peakRssKib, io === 0 ? -1 : io - 1, reader.next());
    }
  }

  /** Adds one bucket already in memory (the minute still open). */
  addData(data: BucketData): void {
    this.addHeader(data);
    for (const app of data.apps) this.addApp(app.appId, app.cpuCs, app.peakRssKib, app.ioKib ?? -1, app.commandId);
  }

  /** The merged bucket, cut to the top `keep` by each of CPU, memory and I/O. */
  result(keep: number): BucketData {
    const apps: AppTotals[] = this.ids.map((id) => ({
      appId: id,
      cpuCs: this.cpuCs[id]!,
      peakRssKib: this.peakRssKib[id]!,
      ioKib: this.ioKib[id]! < 0 ? null : this.ioKib[id]!,
      commandId: this.commandId[id]!,
    }));
    return {
      cores: this.cores,
      spanMs: this.spanMs,
      totalCpuCs: this.totalCpuCs,
      totalIoKib: this.totalIoKib,
      apps: selectTop(apps, keep),
    };
  }

  private addHeader(header: Pick<BucketData, 'cores' | 'spanMs' | 'totalCpuCs' | 'totalIoKib'>): void {
    this.buckets += 1;
    this.cores = Math.max(this.cores, header.cores);
    this.spanMs += header.spanMs;
    this.totalCpuCs += header.totalCpuCs;
    if (header.totalIoKib !== null) this.totalIoKib = (this.totalIoKib ?? 0) + header.totalIoKib;
  }

  /** `ioKib` -1: not readable in this bucket. */
  private addApp(id: number, cpuCs: number, peakRssKib: number, ioKib: number, commandId: number): void {
    if (id >= this.met.length) {
      const size = id + 1;
      this.cpuCs = grow(this.cpuCs, size, 0);
      this.peakRssKib = grow(this.peakRssKib, size, 0);
      this.ioKib = grow(this.ioKib, size, -1);
      this.commandId = grow(this.commandId, size, 0);
      this.bestCpu = grow(this.bestCpu, size, -1);
      const met = new Uint8Array(this.cpuCs.length);
      met.set(this.met);
      this.met = met;
    }
    if (this.met[id] === 0) {
      this.met[id] = 1;
      this.ids.push(id);
      this.commandId[id] = commandId;
    }
    this.cpuCs[id] = this.cpuCs[id]! + cpuCs;
    if (peakRssKib > this.peakRssKib[id]!) this.peakRssKib[id] = peakRssKib;
    if (ioKib >= 0) this.ioKib[id] = Math.max(0, this.ioKib[id]!) + ioKib;
    if (cpuCs > this.bestCpu[id]!) {
      this.bestCpu[id] = cpuCs;
      this.commandId[id] = commandId;
    }
  }
}
