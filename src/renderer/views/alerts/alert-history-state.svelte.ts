/**
 * What is firing now, and the alert history a page at a time with expandable details. A desktop
 * notification opens `#/alerts/<id>`: `reveal` finds that instance's page and expands it.
 *
 * @example
 * history.attach(client);
 * await Promise.all([history.loadFiring(), history.loadPage(0)]);
 * await history.reveal('42');
 */
import { SvelteSet } from 'svelte/reactivity';
import type { AlertInstance } from '../../../shared/alerts.js';
import { ClientError } from '../../lib/client/client-error.js';
import type { DashlightClient } from '../../lib/client/client-types.js';
import { formatCount } from '../../../shared/units.js';

export const PAGE_SIZE = 50;
/** How far back `reveal` looks for an instance that is not on the first page (the contract's maximum). */
const REVEAL_LIMIT = 1000;

export class AlertHistoryState {
  firing = $state.raw<readonly AlertInstance[]>([]);
  firingLoaded = $state(false);
  firingError = $state<string | null>(null);
  page = $state.raw<readonly AlertInstance[]>([]);
  total = $state(0);
  offset = $state(0);
  pageLoaded = $state(false);
  pageError = $state<string | null>(null);
  /** Set when an instance named in the URL could not be found. */
  notice = $state<string | null>(null);
  /** The instance named in the URL, highlighted and scrolled to. */
  target = $state<number | null>(null);
  acknowledging = $state<number | null>(null);
  acknowledgeError = $state<string | null>(null);
  readonly expanded = new SvelteSet<number>();
  private client: DashlightClient | null = null;
  /** Only the newest page request is shown: Older pressed twice, or a reveal racing the first load. */
  private pageRequest = 0;
  private firingRequest = 0;

  attach(client: DashlightClient): void {
    this.client = client;
    this.firing = [];
    this.firingLoaded = false;
    this.firingError = null;
    this.page = [];
    this.total = 0;
    this.offset = 0;
    this.pageLoaded = false;
    this.pageError = null;
    this.notice = null;
    this.target = null;
    this.acknowledgeError = null;
    this.expanded.clear();
  }

  async loadFiring(): Promise<void> {
    if (!this.client) return;
    const request = ++this.firingRequest;
    try {
      const result = await this.client.alertHistory({ state: 'firing', limit: 1000, offset: 0 });
      if (request !== this.firingRequest) return;
      this.firing = result.data;
      this.firingError = null;
    } catch (error) {
      if (request === this.firingRequest) this.firingError = ClientError.from(error).message;
    } finally {
      this.firingLoaded = true;
    }
  }

  async loadPage(offset = this.offset): Promise<void> {
    if (!this.client) return;
    const request = ++this.pageRequest;
    try {
      const result = await this.client.alertHistory({ limit: PAGE_SIZE, offset });
      if (request !== this.pageRequest) return;
      this.page = result.data;
      this.total = result.total;
      this.offset = offset;
      this.pageError = null;
    } catch (error) {
      if (request === this.pageRequest) this.pageError = ClientError.from(error).message;
    } finally {
      this.pageLoaded = true;
    }
  }

  older(): Promise<void> {
    return this.loadPage(this.offset + PAGE_SIZE);
  }

  newer(): Promise<void> {
    return this.loadPage(Math.max(0, this.offset - PAGE_SIZE));
  }

  toggle(id: number): void {
    if (this.expanded.has(id)) this.expanded.delete(id);
    else this.expanded.add(id);
  }

  async acknowledge(id: number): Promise<void> {
    if (!this.client) return;
    this.acknowledging = id;
    this.acknowledgeError = null;
    try {
      const updated = await this.client.acknowledge({ id });
      const swap = (list: readonly AlertInstance[]) => list.map((item) => (item.id === id ? updated : item));
      this.firing = swap(this.firing);
      this.page = swap(this.page);
    } catch (error) {
      this.acknowledgeError = ClientError.from(error).message;
    } finally {
      this.acknowledging = null;
    }
  }

  /**
   * Shows the instance a URL names (`#/alerts/42`): its page, expanded. Resolves to true when it
   * was found; a param that is not an id is ignored.
   */
  async reveal(param: string | null): Promise<boolean> {
    const id = param !== null && /^\d+$/.test(param) ? Number(param) : null;
    this.target = id;
    this.notice = null;
    if (id === null || !this.client) return false;
    if (!this.pageLoaded) await this.loadPage(0);
    if (!this.page.some((item) => item.id === id)) {
      let index: number;
      try {
        const wide = await this.client.alertHistory({ limit: REVEAL_LIMIT, offset: 0 });
        index = wide.data.findIndex((item) => item.id === id);
      } catch (error) {
        this.pageError = ClientError.from(error).message;
        return false;
      }
      if (index < 0) {
        this.notice = `Alert #${id} is not among the latest ${formatCount(REVEAL_LIMIT)} alerts.`;
        return false;
      }
      await this.loadPage(Math.floor(index / PAGE_SIZE) * PAGE_SIZE);
    }
    this.expanded.add(id);
    return true;
  }
}
