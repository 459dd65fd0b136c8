/**
 * The one error type the dashboard sees, whichever transport failed: a contract error from the
 * engine (InputError with per-field issues, NotFoundError, SettingsError), a refused call
 * (UnauthorizedError, ForbiddenError), or the transport itself (ConnectionError).
 *
 * @example
 * try { await client.saveRule(rule); }
 * catch (e) { if (e instanceof ClientError) fieldErrors = e.issueMap(); }
 */
export interface ClientIssue {
  readonly path: string;
  readonly message: string;
}

export class ClientError extends Error {
  readonly issues: readonly ClientIssue[];

  constructor(name: string, message: string, issues: readonly ClientIssue[] = []) {
    super(message);
    this.name = name;
    this.issues = issues;
  }

  /** Issues by field path, e.g. `{ 'warning': 'must be at most the critical threshold (80)' }`. */
  issueMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const issue of this.issues) map[issue.path] ??= issue.message;
    return map;
  }

  /**
   * Anything a transport rejected with: a wire envelope's `error`, a plain object from the preload,
   * an Error, or something else entirely.
   */
  static from(raw: unknown): ClientError {
    if (raw instanceof ClientError) return raw;
    if (typeof raw === 'object' && raw !== null) {
      const { name, message, issues } = raw as { name?: unknown; message?: unknown; issues?: unknown };
      return new ClientError(
        typeof name === 'string' && name ? name : 'Error',
        typeof message === 'string' ? message : 'unknown error',
        Array.isArray(issues) ? issues.filter(isIssue) : [],
      );
    }
    return new ClientError('Error', typeof raw === 'string' ? raw : 'unknown error');
  }
}

function isIssue(value: unknown): value is ClientIssue {
  const issue = value as ClientIssue | null;
  return typeof issue?.path === 'string' && typeof issue.message === 'string';
}
