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

  constructor() {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    query.addEventListener('change', (event) => {
      this.systemDark = event.matches;
      this.apply();
    });
    this.apply();
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

export const theme = new Theme();
