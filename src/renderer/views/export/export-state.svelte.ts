/**
 * The Export view: the form, and one export's life, idle → running (progress) → done | cancelled
 * | failed. Progress events are followed from before `export` is called, by an id chosen here.
 * The state outlives the view, so leaving and coming back shows the export still running.
 *
 * @example
 * const exporter = app.view(ExportState);
 * exporter.setFormat('json');
 * await exporter.start(); // exporter.phase.kind === 'done'
 */
import type { ExportDone, ExportFormat, ExportProgress, ExportResult } from '../../../shared/export.js';
import type { MetricName } from '../../../shared/metrics.js';
import { ClientError } from '../../lib/client/client-error.js';
import type { DashlightClient } from '../../lib/client/client-types.js';
import { ALL_RETAINED, PRESETS } from '../../lib/range/presets.js';
import { RangeSelection } from '../../lib/range/range-selection.svelte.js';
import {
  defaultFileName,
  exportFieldOfIssue,
  newExportId,
  withExtension,
  type ExportField,
  type Resolution,
} from './export-form.js';
import type { AppState } from '../../lib/app-context.js';

/** Export offers the spans of the other views, and everything still stored. */
const EXPORT_PRESETS = [PRESETS[0], PRESETS[2], PRESETS[3], PRESETS[4], ALL_RETAINED];

export type ExportPhase =
  | { kind: 'idle' }
  | { kind: 'running'; id: string; rowsDone: number; rowsTotal: number | null; cancelling: boolean }
  /** `streamed`: downloaded by the browser as it was made (headless); else written to `result.path`. */
  | { kind: 'done'; result: ExportResult; streamed: boolean }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export class ExportState {
  readonly range = new RangeSelection(EXPORT_PRESETS, { kind: 'preset', id: '24h' });
  format = $state<ExportFormat>('csv');
  resolution = $state<Resolution>('auto');
  allMetrics = $state(true);
  metrics = $state<MetricName[]>([]);
  fileName = $state('');
  /** Once the person typed a name, format changes no longer rewrite it. */
  fileNameEdited = $state(false);
  errors = $state<Partial<Record<ExportField | 'form', string>>>({});
  phase = $state.raw<ExportPhase>({ kind: 'idle' });
  private stops: (() => void)[] = [];

  constructor(private readonly app: AppState) {}

  private get client(): DashlightClient {
    return this.app.client;
  }

  /** Called when the view opens; an export still running keeps its subscriptions. */
  attach(now = Date.now()): void {
    if (!this.fileNameEdited && this.phase.kind !== 'running') this.fileName = defaultFileName(this.format, now);
  }

  get running(): boolean {
    return this.phase.kind === 'running';
  }

  setFormat(format: ExportFormat): void {
    this.format = format;
    if (!this.fileNameEdited) this.fileName = withExtension(this.fileName, format);
  }

  editFileName(name: string): void {
    this.fileName = name;
    this.fileNameEdited = true;
  }

  async start(now = Date.now()): Promise<void> {
    const client = this.client;
    if (this.running) return;
    const range = this.range.customOpen ? this.range.applyCustom() : this.range.resolve(now);
    if (!range) return;
    const id = newExportId();
    this.errors = {};
    this.phase = { kind: 'running', id, rowsDone: 0, rowsTotal: null, cancelling: false };
    this.unsubscribe();
    this.stops.push(
      client.on('exportProgress', (progress) => this.progress(progress)),
      client.on('exportDone', (done) => this.finish(done)),
    );
    try {
      const result = await client.export({
        id,
        format: this.format,
        ...range,
        resolution: this.resolution,
        metrics: this.allMetrics ? null : [...this.metrics],
        path: this.fileName.trim(),
      });
      this.finish({ id, ok: true, result });
    } catch (error) {
      this.fail(id, ClientError.from(error));
    }
  }

  async cancel(): Promise<void> {
    const phase = this.phase;
    if (phase.kind !== 'running') return;
    this.phase = { ...phase, cancelling: true };
    try {
      await this.client.cancelExport({ id: phase.id });
    } catch (error) {
      // The export goes on; say why Cancel did nothing.
      if (this.isRunning(phase.id)) this.errors = { form: `Could not cancel: ${ClientError.from(error).message}` };
    }
  }

  private isRunning(id: string): boolean {
    return this.phase.kind === 'running' && this.phase.id === id;
  }

  private progress(progress: ExportProgress): void {
    const phase = this.phase;
    if (phase.kind !== 'running' || phase.id !== progress.id) return;
    this.phase = { ...phase, rowsDone: progress.rowsDone, rowsTotal: progress.rowsTotal };
  }

  /** The end, from the `exportDone` event or the call's answer, whichever comes first. */
  private finish(done: ExportDone): void {
    if (!this.isRunning(done.id)) return;
    this.unsubscribe();
    if (done.ok) {
      this.phase = { kind: 'done', result: done.result, streamed: this.client.transport === 'http' };
    } else if (done.cancelled) {
      this.phase = { kind: 'cancelled' };
    } else {
      this.phase = { kind: 'failed', message: done.error };
    }
  }

  private fail(id: string, failure: ClientError): void {
    const phase = this.phase;
    if (phase.kind !== 'running' || phase.id !== id) return;
    const issues = Object.entries(failure.issueMap());
    if (failure.name === 'InputError' && issues.length > 0) {
      // Refused before it started: nothing ran, so back to the form with the messages.
      this.unsubscribe();
      this.phase = { kind: 'idle' };
      this.errors = this.issueErrors(issues);
      return;
    }
    const cancelled = failure.name === 'AbortError' || phase.cancelling;
    this.finish({ id, ok: false, cancelled, error: failure.message });
  }

  private issueErrors(issues: [string, string][]): Partial<Record<ExportField | 'form', string>> {
    const errors: Partial<Record<ExportField | 'form', string>> = {};
    const rest: string[] = [];
    for (const [path, message] of issues) {
      let field = exportFieldOfIssue(path);
      if ((field === 'from' || field === 'to') && !this.range.customOpen) field = 'range';
      if (field && errors[field] === undefined) errors[field] = message;
      else if (!field) rest.push(`${path}: ${message}`);
    }
    if (rest.length > 0) errors.form = rest.join('; ');
    this.range.showIssues({ ...(errors.from ? { from: errors.from } : {}), ...(errors.to ? { to: errors.to } : {}) });
    return errors;
  }

  private unsubscribe(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
