/**
 * Process history as the contract carries it: who used the machine over a range (`topProcesses`)
 * and right now (the `processes` event, `liveProcesses`). Processes are grouped into apps: the
 * executable's name; the `.app` bundle on macOS; the exe on Windows; a systemd service or a
 * container on Linux. Each app keeps the pid that was busiest in it, with its command line.
 *
 * @example
 * const top = await api.topProcesses({ from: Date.now() - 3_600_000, to: Date.now(), by: 'cpu', limit: 5 });
 * top.apps[0] // { app: 'firefox', kind: 'exe', cpuSeconds: 812.4, cpuShare: 0.056, peakRssBytes: 1.9e9, … }
 */
import { z } from './validation.js';

/** What a ranking orders by: CPU-seconds, peak resident memory, or bytes read and written to storage. */
export type ProcessRanking = 'cpu' | 'memory' | 'io';
export const PROCESS_RANKINGS = ['cpu', 'memory', 'io'] as const satisfies readonly ProcessRanking[];

/**
 * How the processes of an app were grouped: `exe` by executable name, `bundle` by macOS `.app`
 * bundle, `unit` by systemd service, `container` by container id, `kernel` for kernel threads.
 */
export type AppKind = 'exe' | 'bundle' | 'unit' | 'container' | 'kernel';

/** One app over a range. */
export interface AppUsage {
  /** The app's name: `firefox`, `nginx.service`, `Google Chrome`, `chrome.exe`, a container id. */
  readonly app: string;
  readonly kind: AppKind;
  /** CPU time used in the range, in seconds (2 busy cores for a minute = 120). */
  readonly cpuSeconds: number;
  /** Share of the whole machine's CPU capacity over the time measured, 0–1 (1 = every core busy). */
  readonly cpuShare: number;
  /** The most resident memory the app held at once, in bytes. */
  readonly peakRssBytes: number;
  /** Bytes read from and written to storage; null where the OS does not tell (macOS, Windows, others' processes without privileges). */
  readonly ioBytes: number | null;
  /** The app's busiest process in the range, and its command line. */
  readonly topPid: number;
  readonly command: string;
}

export interface TopProcessesResult {
  readonly from: number;
  readonly to: number;
  readonly by: ProcessRanking;
  /** Width of the buckets read, in ms (60 000 for minutes); the range's ends are rounded to it. */
  readonly bucketMs: number;
  /** Time inside the range for which process readings exist, in ms. */
  readonly coveredMs: number;
  /** Logical CPUs of the machine (the capacity `cpuShare` divides by). */
  readonly cores: number;
  /** CPU-seconds of every process in the covered time, listed or not. */
  readonly totalCpuSeconds: number;
  readonly apps: readonly AppUsage[];
}

/** One app now, over the last pass of the process table. */
export interface LiveApp {
  readonly app: string;
  readonly kind: AppKind;
  /** Percent of one core (two busy cores show 200). */
  readonly cpuPercent: number;
  /** Share of the whole machine, 0–1. */
  readonly cpuShare: number;
  readonly rssBytes: number;
  /** Storage I/O in bytes per second; null where it cannot be read. */
  readonly ioBytesPerSecond: number | null;
  /** Processes in the app. */
  readonly processes: number;
  readonly topPid: number;
  readonly command: string;
}

/** The `processes` event: the top apps now, at the process cadence. */
export interface LiveProcesses {
  readonly ts: number;
  /** Time the CPU figures are measured over, in ms. */
  readonly intervalMs: number;
  readonly cores: number;
  /** Processes read in this pass. */
  readonly processCount: number;
  /** The busiest apps by CPU, then the largest by memory not already listed. */
  readonly apps: readonly LiveApp[];
}

const epochMs = z.int().check(z.nonnegative());

export const topProcessesInput = z
  .strictObject({
    from: epochMs,
    to: epochMs,
    by: z._default(z.enum(PROCESS_RANKINGS), 'cpu'),
    limit: z._default(z.int().check(z.minimum(1), z.maximum(100)), 10),
  })
  .check(z.refine((input) => input.from < input.to, { path: ['to'], message: 'must be later than from' }));

export type TopProcessesInput = z.output<typeof topProcessesInput>;
