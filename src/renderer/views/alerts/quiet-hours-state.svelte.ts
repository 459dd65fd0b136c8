/**
 * Quiet hours (`alerts.quietHours`): notifications are held during a daily window in local time.
 * Saved as a settings patch; the engine's messages come back by path and show under the fields.
 *
 * @example
 * quietHours.reset(settings.value?.alerts.quietHours ?? null);
 * quietHours.enabled = true;
 * await quietHours.save();
 */
import type { QuietHours } from '../../../shared/alert-settings.js';
import type { AppState } from '../../lib/app-context.js';

const PREFIX = 'alerts.quietHours';

export class QuietHoursState {
  constructor(private readonly app: AppState) {}

  enabled = $state(false);
  start = $state('22:00');
  end = $state('07:00');
  errors = $state<{ start?: string; end?: string; form?: string }>({});
  saving = $state(false);
  message = $state<string | null>(null);
  /** True once the fields were filled from the settings; later settings changes do not clobber edits. */
  filled = $state(false);

  reset(value: QuietHours | null): void {
    this.enabled = value !== null;
    this.start = value?.start ?? '22:00';
    this.end = value?.end ?? '07:00';
    this.errors = {};
    this.message = null;
    this.filled = true;
  }

  unfill(): void {
    this.filled = false;
  }

  async save(): Promise<void> {
    this.saving = true;
    this.errors = {};
    this.message = null;
    try {
      const quietHours = this.enabled ? { start: this.start, end: this.end } : null;
      const issues = await this.app.settings.save({ alerts: { quietHours } });
      if (!issues) {
        this.message = quietHours ? `Quiet hours saved: ${quietHours.start}–${quietHours.end}.` : 'Quiet hours off.';
        return;
      }
      const errors: { start?: string; end?: string; form?: string } = {};
      const rest: string[] = [];
      for (const [path, message] of Object.entries(issues)) {
        if (path === `${PREFIX}.start`) errors.start = message;
        else if (path === `${PREFIX}.end`) errors.end = message;
        else rest.push(path === '(root)' ? message : `${path}: ${message}`);
      }
      if (rest.length > 0) errors.form = rest.join('; ');
      this.errors = errors;
    } catch (error) {
      this.errors = { form: (error as Error).message };
    } finally {
      this.saving = false;
    }
  }
}
