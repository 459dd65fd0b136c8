/**
 * The engine refuses bad input with issues keyed by path (`push.targets.2.url`, `from`); a form
 * shows each next to its field and the rest in a summary. One mapping for every form: the form
 * says which field a path belongs to, this sorts the issues.
 *
 * @example
 * splitIssues({ 'push.targets.0.url': 'must be a URL', '(root)': 'disk full' }, (path) =>
 *   path === 'url' ? 'url' : null, 'push.targets.0.');
 * // { fields: { url: 'must be a URL' }, other: ['disk full'] }
 */
import { ClientError } from '../client/client-error.js';

export interface SplitIssues<F extends string> {
  /** The first message for each field. */
  fields: Partial<Record<F, string>>;
  /** Messages no field shows, as `path: message` (a bare message for `(root)`). */
  other: string[];
}

/**
 * Sorts an issue map onto fields. `prefix` is stripped from paths first (an issue outside it
 * belongs to no field of this form).
 */
export function splitIssues<F extends string>(
  issues: Readonly<Record<string, string>>,
  fieldOf: (path: string) => F | null,
  prefix = '',
): SplitIssues<F> {
  const result: SplitIssues<F> = { fields: {}, other: [] };
  for (const [path, message] of Object.entries(issues)) {
    const field = path.startsWith(prefix) ? fieldOf(path.slice(prefix.length)) : null;
    if (field && result.fields[field] === undefined) result.fields[field] = message;
    else result.other.push(path === '(root)' ? message : `${path}: ${message}`);
  }
  return result;
}

/** A field's path and those below it (`trayMetrics.2` belongs to `trayMetrics`): a `fieldOf` from a table. */
export function fieldsByPath<F extends string>(paths: Readonly<Record<F, string>>): (path: string) => F | null {
  const entries = Object.entries(paths) as [F, string][];
  return (path) => entries.find(([, p]) => path === p || path.startsWith(`${p}.`))?.[0] ?? null;
}

/** The issues of a failed call, or its message as the one `(root)` issue. */
export function issuesOf(error: unknown): Record<string, string> {
  const failure = ClientError.from(error);
  const issues = failure.issueMap();
  return Object.keys(issues).length > 0 ? issues : { '(root)': failure.message };
}
