/**
 * Light or dark: follows the OS unless the settings (`desktop.theme`) say otherwise. Sets
 * `data-theme` on <html>, which the stylesheet's colour variables key off; charts, which paint
 * on canvas and cannot use CSS, subscribe with `onChange` and re-read the variables.
 *
 * @example
 * theme.setPreference('dark');
 * const stop = theme.onChange(() => chart.applyTheme());
 */
import { Listeners } from '../client/listeners.js';

export type ThemePreference = 'system' | 'light' | 'dark';

export class Theme {
  preference = $state<ThemePreference>('system');
  systemDark = $state(false);
  resolved = $derived<'light' | 'dark'>(
    this.preference === 'system' ? (this.systemDark ? 'dark' : 'light') : this.preference,
  );
  private readonly listeners = new Listeners<[]>();
  private stop = () => {};

  constructor() {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    const onChange = (event: MediaQueryListEvent) => {
      this.systemDark = event.matches;
      this.apply();
    };
    query.addEventListener('change', onChange);
    this.stop = () => query.removeEventListener('change', onChange);
    this.apply();
  }

  dispose(): void {
    this.stop();
  }

  setPreference(preference: ThemePreference): void {
    this.preference = preference;
    this.apply();
  }

  onChange(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  private apply(): void {
    if (typeof document === 'undefined') return;
    const resolved = this.preference === 'system' ? (this.systemDark ? 'dark' : 'light') : this.preference;
    if (document.documentElement.dataset.theme === resolved) return;
    document.documentElement.dataset.theme = resolved;
    this.listeners.emit();
  }
}
