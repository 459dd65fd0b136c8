/**
 * One reading of the machine. Timestamps are always UTC epoch milliseconds.
 *
 * @example
 * const s: Sample = { ts: Date.now(), values: { 'cpu.total': 12.5, 'net.rx[eth0]': 2048 } };
 */
export interface Sample {
  readonly ts: number;
  /** Values by series key (see metrics.ts). A series missing from a sample was not measured then. */
  readonly values: Readonly<Record<string, number>>;
  /** Set on the first sample after a gap (sleep, clock jump, pause, restart): nothing joins it to the previous one. */
  readonly gapBefore?: boolean;
}

export type GapReason = 'sleep' | 'clock-jump' | 'paused' | 'stalled' | 'restart';

/** An explicit hole in the record: charts break here, alerts never count time across it. */
export interface Gap {
  /** The last sample before the gap. */
  readonly from: number;
  /** The first sample after the gap. */
  readonly to: number;
  readonly reason: GapReason;
}

/** Static facts read once at start. */
export interface Inventory {
  readonly hostname: string;
  readonly os: { readonly platform: string; readonly release: string; readonly distro?: string; readonly arch: string };
  readonly cpu: { readonly model: string; readonly cores: number };
  readonly memTotalBytes: number;
}
