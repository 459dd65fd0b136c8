/**
 * The spans a range picker offers, each ending now: the History and Stats views offer `PRESETS`,
 * Export adds `ALL_RETAINED` (from the epoch: whatever the tiers still hold).
 *
 * @example
 * presetOf('24h') // { id: '24h', label: '24 h', ms: 86_400_000, words: '24 hours' }
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Preset {
  readonly id: string;
  readonly label: string;
  /** The span in ms; null from the epoch. */
  readonly ms: number | null;
  /** For labels and titles: "the last 24 hours". */
  readonly words: string;
}

export const PRESETS = [
  { id: '1h', label: '1 h', ms: HOUR, words: '1 hour' },
  { id: '6h', label: '6 h', ms: 6 * HOUR, words: '6 hours' },
  { id: '24h', label: '24 h', ms: DAY, words: '24 hours' },
  { id: '7d', label: '7 d', ms: 7 * DAY, words: '7 days' },
  { id: '30d', label: '30 d', ms: 30 * DAY, words: '30 days' },
  { id: '1y', label: '1 y', ms: 365 * DAY, words: '1 year' },
] as const satisfies readonly Preset[];

export const ALL_RETAINED = { id: 'all', label: 'All retained', ms: null, words: 'everything retained' } as const;

export type PresetId = (typeof PRESETS)[number]['id'] | typeof ALL_RETAINED.id;

const ALL: readonly Preset[] = [...PRESETS, ALL_RETAINED];

export function isPresetId(value: unknown): value is PresetId {
  return ALL.some((p) => p.id === value);
}

export function presetOf(id: PresetId): Preset {
  return ALL.find((p) => p.id === id)!;
}
