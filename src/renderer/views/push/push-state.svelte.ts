/**
 * The Push view's state: the targets with their live delivery status (polled while the view is
 * mounted and the page visible), the per-target actions, dead letters, and removal. The add/edit
 * form lives in `targetForm` (target-form.svelte.ts).
 *
 * @example
 * onMount(() => pushState.start()); // returns the stop function
 * await pushState.pushNow('vm');
 */
import type { DeadLetter, PushStatusResult, PushTargetStatus } from '../../../shared/push.js';
import type { PushTarget } from '../../../shared/push-settings.js';
import { ClientError } from '../../lib/client/client.js';
import { pollWhileVisible } from '../../lib/state/poll.js';
import { pushFailures } from './push-status.js';
import type { AppState } from '../../lib/app-context.js';

export const POLL_MS = 5000;

export interface TargetRow {
  readonly name: string;
  /** Live status; null until the engine has reported on this target. */
  readonly status: PushTargetStatus | null;
  /** The saved configuration; null when settings have not loaded. */
  readonly config: PushTarget | null;
}

export interface DeadLetterList {
  readonly rows: readonly DeadLetter[] | null;
  readonly error: string | null;
}

export class PushState {
  status = $state.raw<PushStatusResult | null>(null);
  error = $state<string | null>(null);
  /** The target an action is running for ('*' for all), to disable its buttons meanwhile. */
  busy = $state<string | null>(null);
  /** The outcome of the last action, for the view's role=status line. */
  message = $state('');
  actionError = $state<string | null>(null);
  /** Open dead-letter tables by target name. */
  deadLetters = $state.raw<Readonly<Record<string, DeadLetterList>>>({});
  /** The target whose "Remove" awaits confirmation. */
  confirmRemove = $state<string | null>(null);

  rows = $derived.by((): TargetRow[] => {
    const configs = this.app.settings.value?.push.targets ?? [];
    const statuses = this.status?.targets ?? [];
    // Status follows the saved list; a target saved a moment ago may not be in it yet.
    const names = [
      ...statuses.map((s) => s.name),
      ...configs.map((c) => c.name).filter((name) => !statuses.some((s) => s.name === name)),
    ];
    return names.map((name) => ({
      name,
      status: statuses.find((s) => s.name === name) ?? null,
      config: configs.find((c) => c.name === name) ?? null,
    }));
  });

  private refreshing = false;
  constructor(private readonly app: AppState) {}

  /** Loads the status now and every POLL_MS while the page is visible; returns the stop function. */
  start(): () => void {
    return pollWhileVisible(this.app.live, () => this.refresh(), POLL_MS);
  }

  async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      this.status = await this.app.client.pushStatus();
      this.error = null;
    } catch (error) {
      this.error = ClientError.from(error).message;
    } finally {
      this.refreshing = false;
    }
  }

  /** One target, or all enabled ones when `target` is absent; a target left failing is reported. */
  pushNow(target?: string): Promise<void> {
    const client = this.app.client;
    return this.act(
      target ?? '*',
      () => (target === undefined ? client.pushNow() : client.pushNow({ target })),
      target === undefined ? 'Sent everything pending' : `Sent everything pending to ${target}`,
      (result) => {
        const failures = pushFailures(result, target);
        return failures.length > 0 ? `Push failed: ${failures.join('; ')}` : null;
      },
    );
  }

  setPaused(target: string, paused: boolean): Promise<void> {
    const client = this.app.client;
    return this.act(
      target,
      () => (paused ? client.pausePush({ target }) : client.resumePush({ target })),
      paused ? `Paused ${target}` : `Resumed ${target}`,
    );
  }

  async toggleDeadLetters(target: string): Promise<void> {
    if (this.deadLetters[target]) {
      const { [target]: _closed, ...rest } = this.deadLetters;
      this.deadLetters = rest;
      return;
    }
    this.deadLetters = { ...this.deadLetters, [target]: { rows: null, error: null } };
    let next: DeadLetterList;
    try {
      next = { rows: await this.app.client.pushDeadLetters({ target }), error: null };
    } catch (error) {
      next = { rows: null, error: ClientError.from(error).message };
    }
    // Closed again while loading: leave it closed.
    if (this.deadLetters[target]) this.deadLetters = { ...this.deadLetters, [target]: next };
  }

  /** Saves the target list without `target`; the engine forgets its cursor and delivery records. */
  async remove(target: string): Promise<void> {
    const targets = (this.app.settings.value?.push.targets ?? []).filter((t) => t.name !== target);
    this.busy = target;
    this.actionError = null;
    try {
      const issues = await this.app.settings.save({ push: { targets } });
      if (issues) {
        this.actionError = `Could not remove ${target}: ${Object.values(issues).join('; ')}`;
        return;
      }
      this.confirmRemove = null;
      this.message = `Removed ${target}`;
      await this.refresh();
    } finally {
      this.busy = null;
    }
  }

  /** Forgets everything shown (tests; a new client). */
  reset(): void {
    this.status = null;
    this.error = null;
    this.busy = null;
    this.message = '';
    this.actionError = null;
    this.deadLetters = {};
    this.confirmRemove = null;
  }

  private async act(
    target: string,
    call: () => Promise<PushStatusResult>,
    done: string,
    failed: (result: PushStatusResult) => string | null = () => null,
  ): Promise<void> {
    this.busy = target;
    this.actionError = null;
    this.message = '';
    try {
      const result = await call();
      this.status = result;
      this.actionError = failed(result);
      if (this.actionError === null) this.message = done;
    } catch (error) {
      this.actionError = ClientError.from(error).message;
    } finally {
      this.busy = null;
    }
  }
}
