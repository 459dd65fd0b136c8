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
import { decodeBucket, type AppCursor, type AppTotals, type BucketData, type BucketHeader } from './bucket-codec.js';
import { selectTop } from './top-selection.js';

export class BucketMerger {
  cores = 0;
  spanMs = 0;
  totalCpuCs = 0;
  totalIoKib: number | null = null;
  buckets = 0;
  /** Ids of the apps met, in the order first met. */
  readonly ids: number[] = [];
  readonly cpuCs: number[] = [];
  readonly peakRssKib: number[] = [];
  /** -1: no readable I/O in any bucket yet. */
  readonly ioKib: number[] = [];
  readonly commandId: number[] = [];
  private readonly bestCpu: number[] = [];
  private readonly header: BucketHeader = { cores: 0, spanMs: 0, totalCpuCs: 0, totalIoKib: null };
  private readonly visit = (app: AppCursor): void => this.addApp(app);

  /** Adds one encoded bucket. */
  add(data: Uint8Array): void {
    const header = decodeBucket(data, this.visit, this.header);
    this.addHeader(header);
  }

  /** Adds one bucket already in memory (the minute still open). */
  addData(data: BucketData): void {
    this.addHeader(data);
    for (const app of data.apps) this.addApp(app);
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

  private addApp(app: Readonly<AppCursor>): void {
    const id = app.appId;
    if (this.cpuCs[id] === undefined) {
      this.ids.push(id);
      this.cpuCs[id] = 0;
      this.peakRssKib[id] = 0;
      this.ioKib[id] = -1;
      this.commandId[id] = app.commandId;
      this.bestCpu[id] = -1;
    }
    this.cpuCs[id] += app.cpuCs;
    if (app.peakRssKib > this.peakRssKib[id]!) this.peakRssKib[id] = app.peakRssKib;
    if (app.ioKib !== null) this.ioKib[id] = Math.max(0, this.ioKib[id]!) + app.ioKib;
    if (app.cpuCs > this.bestCpu[id]!) {
      this.bestCpu[id] = app.cpuCs;
      this.commandId[id] = app.commandId;
    }
  }
}
