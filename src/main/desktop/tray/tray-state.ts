/**
 * What the tray shows, gathered from the engine on each tick: the input of the pure functions that
 * build the tray's title, tooltip, icon and menu.
 *
 * @example
 * const state: TrayState = { values: sample.values, sampling: 'running', push: 'running', alerts: [], metrics: ['cpu.total', 'mem.percent'] };
 */
import type { Severity } from '../../../shared/alert-rules.js';
import type { SamplingState } from '../../../shared/queries.js';

export interface TrayAlert {
  readonly instanceId: number | null;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly series: string;
  readonly severity: Severity | null;
  readonly value: number | null;
}

export interface TrayState {
  /** The newest sample's values (series key → number); empty before the first sample. */
  readonly values: Readonly<Record<string, number>>;
  readonly sampling: SamplingState;
  /** 'none' when no push target is configured. */
  readonly push: 'running' | 'paused' | 'none';
  /** Alerts firing now, most severe first. */
  readonly alerts: readonly TrayAlert[];
  /** The series shown in the macOS title and the icon, chosen in settings (default CPU, memory). */
  readonly metrics: readonly string[];
  /** Set while samples cannot be saved (a full disk): `Not saving samples: the disk is full`. */
  readonly writeProblem?: string | null;
  /** The busiest apps by CPU now, from the `processes` event; absent while process sampling is off. */
  readonly busiest?: readonly BusyApp[];
  /** Windows and Linux: the first metric as digits (the default), or the bar. */
  readonly icon?: 'digits' | 'bar';
}

export interface BusyApp {
  readonly app: string;
  /** Percent of one core. */
  readonly cpuPercent: number;
}
