/**
 * Where an unusable secret is, in words a user finds in their config.json: its dotted path, with
 * the names of the list items on the way (a push target is found by its name, not its index).
 *
 * @example
 * secretLabel(settings, 'push.targets.0.auth.token') // 'push.targets.0.auth.token ("vm")'
 */
import type { Settings } from '../../shared/settings.js';

export function secretLabel(settings: Settings, path: string): string {
  const names: string[] = [];
  let node: unknown = settings;
  for (const key of path.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    const name = Array.isArray(node) ? undefined : (node as { name?: unknown } | undefined)?.name;
    if (/^\d+$/.test(key) && typeof name === 'string') names.push(`"${name}"`);
  }
  return names.length > 0 ? `${path} (${names.join(', ')})` : path;
}

/** The start-up warning for each secret `run` cannot open: said once, on stderr, even with --quiet. */
export function secretWarnings(settings: Settings, problems: readonly { path: string; problem: string }[]): string[] {
  return problems.map(
    ({ path, problem }) =>
      `dashlight: warning: ${secretLabel(settings, path)} cannot be used, so nothing that needs it is sent: ${problem}`,
  );
}
