// The README's table of /metrics families is the user's map: every family the engine can expose
// is in it, with its type, and nothing in it is a family the engine does not have.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_FAMILIES, mappedFamilies, SELF_FAMILIES } from './metric-families.js';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const fleet = README.slice(README.indexOf('## Fleet'), README.indexOf('### MQTT and Home Assistant'));
const rows = fleet.split('\n').filter((line) => /^\| `(dashlight_|process_)/.test(line));

describe('the README table of /metrics families', () => {
  const families = [...mappedFamilies(), ...Object.values(SELF_FAMILIES), ...Object.values(APP_FAMILIES)];

  it('lists every family with its type', () => {
    for (const family of families) {
      const row = rows.find((r) => r.split('|')[1]!.includes(`\`${family.name}\``));
      expect(row, family.name).toBeDefined();
      expect(row!.split('|')[2], family.name).toContain(family.type === 'counter' ? 'counter' : 'gauge');
    }
  });

  it('names no family the engine does not have', () => {
    const named = rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([a-z_0-9]+)`/g)].map((m) => m[1]!));
    expect(named.filter((name) => !families.some((f) => f.name === name))).toEqual([]);
  });
});
