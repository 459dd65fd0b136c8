/**
 * The error every settings-shaped input raises: one `path: problem` entry per bad field.
 *
 * @example
 * throw new SettingsError('invalid settings: sampling.interval: must be between …', issues);
 */
import type { z } from './validation.js';

export class SettingsError extends Error {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Turns zod issues into `path: problem` lines, the form every error in Dashlight uses. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root = ''): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: [root, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}
