/**
 * The Alerts view's state: rules, the rule editor, firing alerts and history, quiet hours. It
 * follows the engine's `alert` event, refetching (debounced: one transition often comes with
 * others) what the event can change.
 *
 * @example
 * const alerts = app.view(AlertsState);
 * onMount(() => { alerts.start(); return () => alerts.stop(); });
 */
import { tick } from 'svelte';
import { AlertHistoryState } from './alert-history-state.svelte.js';
import { QuietHoursState } from './quiet-hours-state.svelte.js';
import { RuleEditorState } from './rule-editor-state.svelte.js';
import { RulesState } from './rules-state.svelte.js';
import type { AppState } from '../../lib/app-context.js';

/** A burst of transitions (several mounts crossing at once) becomes one refetch. */
const REFRESH_DEBOUNCE_MS = 300;
/** Durations on screen ("firing for 12 min") move on at this pace. */
const CLOCK_MS = 15_000;

export class AlertsState {
  readonly rules = new RulesState();
  readonly editor = new RuleEditorState();
  readonly history = new AlertHistoryState();
  readonly quietHours: QuietHoursState;
  /** The clock durations are measured against. */
  now = $state(Date.now());
  private stops: (() => void)[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly app: AppState) {
    this.quietHours = new QuietHoursState(app);
  }

  start(): void {
    const client = this.app.client;
    this.stop();
    this.rules.attach(client);
    this.editor.attach(client);
    this.history.attach(client);
    this.quietHours.unfill();
    this.now = Date.now();
    const clock = setInterval(() => (this.now = Date.now()), CLOCK_MS);
    this.stops.push(
      client.on('alert', () => this.scheduleRefresh()),
      () => clearInterval(clock),
      () => clearTimeout(this.refreshTimer),
    );
    // The shell loads the settings too; this covers a view opened before that finished failing.
    if (!this.app.settings.value && !this.app.settings.loading) void this.app.settings.load();
    void Promise.all([this.rules.load(), this.history.loadFiring(), this.history.loadPage(0)]);
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Saves the editor's rule; on success the list reloads and the status says so. */
  async saveRule(): Promise<boolean> {
    const saved = await this.editor.save(this.rules.ids());
    if (!saved) return false;
    this.rules.actionError = null;
    this.rules.message = `Saved rule ${saved.name}.`;
    await this.rules.load();
    return true;
  }

  /** Opens the history at the instance a URL names and scrolls it into view. */
  async reveal(param: string | null): Promise<void> {
    if (param === null) return;
    if (!(await this.history.reveal(param))) return;
    await tick();
    document.getElementById(`alert-${param}`)?.scrollIntoView?.({ block: 'center' });
  }

  /** Refetches what an alert transition can change, now rather than after the debounce. */
  async refresh(): Promise<void> {
    this.now = Date.now();
    const page = this.history.offset === 0 ? this.history.loadPage(0) : Promise.resolve();
    await Promise.all([this.rules.load(), this.history.loadFiring(), page]);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }
}
