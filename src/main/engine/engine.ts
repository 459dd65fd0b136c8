/**
 * The engine: collectors → sampler → store → rolling windows → alerts, export and push, behind the
 * one API contract (src/shared/contract.ts). Both transports and the CLI drive this class. The
 * sampling core is in engine-core.ts; this file adds the feature methods of the contract.
 *
 * @example
 * const engine = await Engine.open({ paths, settings, log });
 * engine.on('sample', (s) => console.log(s.values['cpu.total']));
 * await engine.start();
 * await engine.history({ series: ['cpu.total'], from: Date.now() - 3_600_000, to: Date.now(), maxPoints: 600 });
 * await engine.stop();
 */
import { parseRule, type AlertRule } from '../../shared/alert-rules.js';
import type {
  AlertHistoryResult,
  AlertInstance,
  RuleTestResult,
  RulesResult,
  SnoozeResult,
} from '../../shared/alerts.js';
import type { DashlightHandlers, MethodParsedInput } from '../../shared/contract.js';
import type { ExportInput, ExportResult } from '../../shared/export.js';
import type { DeadLetter, PushStatusResult, TargetTestResult } from '../../shared/push.js';
import type { DiagnosticsResult } from '../../shared/diagnostics.js';
import { hostname } from 'node:os';
import { VERSION } from './version.js';
import type { Notifier } from './alerts/notify/notifier.js';
import { withoutRule, withRule } from './alerts/rule-list.js';
import { EngineCore } from './engine-core.js';
import type { ExportService } from './export/export-service.js';
import type { EngineOptions } from './engine-options.js';
import { MetricStore } from './store/metric-store.js';

export type { EngineOptions };

export class Engine extends EngineCore implements DashlightHandlers {
  /** Opens (or creates, or quarantines and recreates) the database; does not start sampling. */
  static async open(options: EngineOptions): Promise<Engine> {
    const store = await MetricStore.open(options.paths.dbFile, { log: options.log });
    return new Engine(store, options);
  }

  /** A channel added by the host, e.g. the desktop shell's notifications. */
  addNotifier(notifier: Notifier): void {
    this.alerts.addNotifier(notifier);
  }

  /** Resolves once every alert so far has been recorded, announced and handed to the channels. */
  alertsIdle(): Promise<void> {
    return this.alerts.idle();
  }

  async listRules(): Promise<RulesResult> {
    return this.alerts.listRules();
  }

  /** Rules live in the settings: saving one validates and persists the settings as a whole. */
  async saveRule(input: MethodParsedInput<'saveRule'>): Promise<AlertRule> {
    const rule = parseRule(input);
    await this.updateSettings({ alerts: { rules: withRule(this.settings.alerts.rules, rule) } });
    return this.settings.alerts.rules.find((r) => r.id === rule.id)!;
  }

  async deleteRule({ id }: MethodParsedInput<'deleteRule'>): Promise<{ deleted: string }> {
    await this.updateSettings({ alerts: { rules: withoutRule(this.settings.alerts.rules, id) } });
    return { deleted: id };
  }

  async testRule({ id }: MethodParsedInput<'testRule'>): Promise<RuleTestResult> {
    return this.alerts.testRule(id);
  }

  async alertHistory(input: MethodParsedInput<'alertHistory'>): Promise<AlertHistoryResult> {
    return this.alerts.history(input);
  }

  async acknowledge({ id }: MethodParsedInput<'acknowledge'>): Promise<AlertInstance> {
    return this.alerts.acknowledge(id);
  }

  async snooze({ target, until }: MethodParsedInput<'snooze'>): Promise<SnoozeResult> {
    return this.alerts.snooze(target, until);
  }

  async export(input: MethodParsedInput<'export'>): Promise<ExportResult> {
    return this.exports.run(input);
  }

  /** The CLI's `--out -`: the same export, written to a stream instead of a file. */
  exportTo(input: ExportInput, output: NodeJS.WritableStream): Promise<ExportResult> {
    return this.exports.run(input, output);
  }

  /** The hourly archive's state (doctor, the dashboard); null when it is off. */
  archiveStatus(): ReturnType<ExportService['archiveStatus']> {
    return this.exports.archiveStatus();
  }

  async cancelExport({ id }: MethodParsedInput<'cancelExport'>): Promise<{ cancelled: boolean }> {
    return this.exports.cancel(id);
  }

  async pushStatus(): Promise<PushStatusResult> {
    return this.push.status();
  }

  async pushNow(input: MethodParsedInput<'pushNow'>): Promise<PushStatusResult> {
    return this.push.pushNow(input?.target);
  }

  async pausePush({ target }: MethodParsedInput<'pausePush'>): Promise<PushStatusResult> {
    return this.push.setPaused(target, true);
  }

  async resumePush({ target }: MethodParsedInput<'resumePush'>): Promise<PushStatusResult> {
    return this.push.setPaused(target, false);
  }

  async testTarget(config: MethodParsedInput<'testTarget'>): Promise<TargetTestResult> {
    return this.push.testTarget(config);
  }

  async pushDeadLetters({ target, limit }: MethodParsedInput<'pushDeadLetters'>): Promise<DeadLetter[]> {
    return this.push.deadLetters(target, limit);
  }

  async diagnostics(input: MethodParsedInput<'diagnostics'>): Promise<DiagnosticsResult> {
    const info = this.store.info();
    const { node, v8, electron, chrome } = process.versions as NodeJS.ProcessVersions & {
      electron?: string;
      chrome?: string;
    };
    return {
      version: VERSION,
      runtime: { node, v8, sqlite: this.store.sqliteVersion(), ...(electron ? { electron, chrome } : {}) },
      platform: process.platform,
      arch: process.arch,
      hostname: hostname(),
      dataDir: this.options.paths.dataDir,
      logDir: this.options.paths.logDir,
      db: {
        path: this.options.paths.dbFile,
        sizeBytes: info.sizeBytes,
        integrity: input?.integrity ? this.store.integrityCheck() : null,
        quarantined: this.dbQuarantined ?? null,
      },
    };
  }
}
