/**
 * Disk usage per mount off Linux from systeminformation's fsSize() (macOS runs `df` and `diskutil`,
 * Windows PowerShell; slow cadence only). On macOS the hidden APFS system volumes under
 * /System/Volumes (VM, Preboot, Update, ...) are skipped except Data, where user files live; the
 * rest of the rules are in mount-usage.ts.
 *
 * @example
 * await new OsMountsCollector().collect(0) // { 'fs.used[C:]': ..., 'fs.size[C:]': ..., 'fs.used_pct[C:]': 62.5, 'disk.used_pct': 62.5 }
 */
import { mountValues } from '../mount-usage.js';
import { loadSi, type Systeminformation } from '../si.js';
import type { Collector, Values } from '../types.js';

type FsSizeReading = Pick<Systeminformation.FsSizeData, 'fs' | 'mount' | 'size' | 'used' | 'available'>;

export interface OsMountsOptions {
  /** Injected in tests; defaults to si.fsSize. */
  readonly fsSize?: () => Promise<readonly FsSizeReading[]>;
}

function isUserVolume(mount: string): boolean {
  if (mount === '' || mount === '/dev' || mount.startsWith('/private/var/vm')) return false;
  return !mount.startsWith('/System/Volumes/') || mount === '/System/Volumes/Data';
}

export class OsMountsCollector implements Collector {
  readonly name = 'mounts';
  readonly cadence = 'slow';
  private readonly fsSize: () => Promise<readonly FsSizeReading[]>;

  constructor(options: OsMountsOptions = {}) {
    this.fsSize = options.fsSize ?? (async () => (await loadSi()).fsSize());
  }

  async collect(): Promise<Values> {
    const rows = (await this.fsSize()).filter((r) => isUserVolume(r.mount));
    return mountValues(
      rows.map((r) => ({ mount: r.mount, source: r.fs, size: r.size, used: r.used, available: r.available })),
    );
  }

  reset(): void {
    // Nothing remembered between readings.
  }
}
