/**
 * Turns whatever is stored into valid settings without ever failing: each field the schema
 * rejects is removed (so its default applies) and reported, and every other field is kept. A
 * hand-edited typo in one field must not cost the user their alert rules and push targets.
 *
 * @example
 * const { settings, resets } = repairSettings({ sampling: { interval: 'fast' }, log: { level: 'info' } });
 * resets; // [{ path: 'sampling.interval', message: '…', was: 'fast' }]
 * settings.sampling.interval; // 2000 (the default); settings.log.level stays 'info'
 */
import { findMarkers, MARKER_WITHOUT_SECRET } from '../../../shared/secrets.js';
import { settingsSchema, type Settings } from '../../../shared/settings.js';

export interface SettingsReset {
  /** Dotted path of the field that was reset, e.g. `storage.retention.rawDays`; `(root)` for all. */
  readonly path: string;
  readonly message: string;
  /** The stored value that was dropped. */
  readonly was: unknown;
}

export interface RepairedSettings {
  readonly settings: Settings;
  /** The stored object with the bad fields removed (defaults not filled in): what to write back. */
  readonly stored: Record<string, unknown>;
  readonly resets: readonly SettingsReset[];
}

type Key = string | number;
type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;
const hasKey = (value: unknown, key: Key): boolean =>
  isContainer(value) && Object.prototype.hasOwnProperty.call(value, key);
const dotted = (path: readonly Key[]) => path.map(String).join('.') || '(root)';

/**
 * Removes the field at `path`, or, when it is already absent (a required field that is missing),
 * its smallest enclosing field that exists. Returns what was removed, or null for the root.
 */
function removeField(root: Container, path: readonly Key[]): { path: Key[]; was: unknown } | null {
  let parent: Container = root;
  let index = 0;
  while (index < path.length - 1 && isContainer((parent as Record<Key, unknown>)[path[index]!])) {
    const next = (parent as Record<Key, unknown>)[path[index]!];
    if (!hasKey(next, path[index + 1]!)) break;
    parent = next as Container;
    index += 1;
  }
  const key = path[index];
  if (key === undefined || !hasKey(parent, key)) return null;
  const was = (parent as Record<Key, unknown>)[key];
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return { path: path.slice(0, index + 1) as Key[], was };
}

export function repairSettings(input: unknown): RepairedSettings {
  const resets: SettingsReset[] = [];
  let stored: Record<string, unknown>;
  if (input === undefined || input === null) stored = {};
  else if (typeof input === 'object' && !Array.isArray(input))
    stored = structuredClone(input) as Record<string, unknown>;
  else {
    resets.push({ path: '(root)', message: 'expected an object', was: input });
    stored = {};
  }
  // One issue per pass, then validate again: removing an array element shifts the paths of the
  // other issues, and one removal can settle several issues. Each pass removes at least one
  // field, so this ends; the bound is only a guard against a schema surprise.
  for (let pass = 0; pass < 1000; pass += 1) {
    const result = settingsSchema.safeParse(stored);
    let paths: Key[][];
    let message: string;
    if (result.success) {
      // A secret marker hand-copied into the file stands for nothing: drop it like a bad field.
      const marker = findMarkers(settingsSchema, result.data)[0];
      if (marker === undefined) return { settings: result.data, stored, resets };
      paths = [marker.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key))];
      message = MARKER_WITHOUT_SECRET;
    } else {
      const issue = result.error.issues[0]!;
      const base = issue.path.map((key) => key as Key);
      // A strict object reports unknown keys on the object itself: drop just those keys.
      paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...base, key]) : [base];
      message = issue.message;
    }
    for (const path of paths) {
      const field = removeField(stored, path);
      if (field === null) return resetAll(input, message, resets);
      resets.push({ path: dotted(field.path), message, was: field.was });
    }
  }
  return resetAll(input, 'could not be repaired', resets);
}

function resetAll(input: unknown, message: string, resets: SettingsReset[]): RepairedSettings {
  resets.push({ path: '(root)', message, was: input });
  return { settings: settingsSchema.parse({}), stored: {}, resets };
}
