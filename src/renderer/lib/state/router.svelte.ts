/**
 * Which view is showing, kept in the URL hash so the desktop shell can open `#/alerts/12` or
 * `#/settings` directly, and the browser's back button works in headless mode.
 *
 * @example
 * router.go('history');
 * router.view; // 'history'
 */
const VIEW_IDS = ['overview', 'history', 'stats', 'alerts', 'export', 'push', 'settings', 'about'] as const;

/** The views in navigation order; each is labelled with its name capitalised. */
export const VIEWS = VIEW_IDS.map((id) => ({ id, label: id[0]!.toUpperCase() + id.slice(1) }));

export type ViewId = (typeof VIEW_IDS)[number];

const IDS = new Set<string>(VIEWS.map((v) => v.id));

/** `#/alerts/12` → `{ view: 'alerts', param: '12' }`; anything unknown is the overview. */
export function parseHash(hash: string): { view: ViewId; param: string | null } {
  const [view = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (!IDS.has(view)) return { view: 'overview', param: null };
  const param = rest.length > 0 ? decodeURIComponent(rest.join('/')) : null;
  return { view: view as ViewId, param: param || null };
}

export class Router {
  view = $state<ViewId>('overview');
  param = $state<string | null>(null);

  private readonly onHashChange = () => this.sync();

  constructor() {
    if (typeof window === 'undefined') return;
    this.sync();
    window.addEventListener('hashchange', this.onHashChange);
  }

  dispose(): void {
    if (typeof window !== 'undefined') window.removeEventListener('hashchange', this.onHashChange);
  }

  go(view: ViewId, param?: string): void {
    const hash = `#/${view}${param ? `/${encodeURIComponent(param)}` : ''}`;
    if (window.location.hash === hash) return;
    window.location.hash = hash;
    this.sync();
  }

  private sync(): void {
    const { view, param } = parseHash(window.location.hash);
    this.view = view;
    this.param = param;
  }
}
