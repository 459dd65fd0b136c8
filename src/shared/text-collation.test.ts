import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collate, naturalCompare } from './text-collation.js';

const icu = (a: string, b: string, numeric: boolean) => Math.sign(a.localeCompare(b, 'en', { numeric }));

/** Names the sensor, mount and settings code sorts, and the edges of ICU's rules. */
const NAMES = [
  '',
  'a 1',
  ...`hwmon0 hwmon1 hwmon2 hwmon10 hwmon11 hwmon9 temp1_input temp2_input temp10_input temp1_label temp1_crit
      fan1_input power1_average thermal_zone0 thermal_zone10 thermal_zone2 cooling_device0
      card0 card1 card10 renderD128 card0-DP-1 card0-eDP-1
      / /boot /boot/efi /home /mnt/Data /mnt/data /mnt/data2 /mnt/data10 /var/lib/docker
      0.1.0 0.2.0 0.10.0 1.0.0 a_1 a1 a-b ab Aa aB Ab A a 01 1 001 x01y x1z _ ~ $`
    .trim()
    .split(/\s+/),
];

/** Text drawn from printable ASCII, weighted towards what sysfs names hold. */
const asciiName = fc.stringMatching(/^[a-zA-Z0-9_\-./ :~$]{0,12}$/);

describe('collate', () => {
  it('orders every printable ASCII character as ICU does', () => {
    const chars = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
    const expected = [...chars].sort((a, b) => icu(a, b, false));
    expect([...chars].sort((a, b) => collate(a, b))).toEqual(expected);
  });

  it('agrees with ICU on every pair of known names, with and without numeric order', () => {
    for (const a of NAMES)
      for (const b of NAMES) {
        expect(collate(a, b), `${a} vs ${b}`).toBe(icu(a, b, false));
        expect(naturalCompare(a, b), `${a} vs ${b} (numeric)`).toBe(icu(a, b, true));
      }
  });

  it('agrees with ICU on random ASCII names', () => {
    fc.assert(
      fc.property(asciiName, asciiName, fc.boolean(), (a, b, numeric) => {
        expect(collate(a, b, numeric)).toBe(icu(a, b, numeric));
      }),
      { numRuns: 20_000, seed: 20261204 },
    );
  });

  it('agrees with ICU where the two names differ only in digits, case or leading zeros', () => {
    const variant = fc.tuple(fc.constantFrom('temp', 'Temp', 'hwmon', 'core_', 'x'), fc.nat(2000), fc.nat(3));
    fc.assert(
      fc.property(variant, variant, ([p, n, z], [q, m, w]) => {
        const a = `${p}${'0'.repeat(z)}${n}_input`;
        const b = `${q}${'0'.repeat(w)}${m}_input`;
        expect(naturalCompare(a, b)).toBe(icu(a, b, true));
      }),
      { numRuns: 5_000, seed: 4 },
    );
  });

  it('hands text beyond printable ASCII to ICU', () => {
    const pairs: Array<[string, string]> = [
      ['é', 'f'],
      ['Ünit', 'unit'],
      ['a\tb', 'a b'],
      ['温度2', '温度10'],
    ];
    for (const [a, b] of pairs) {
      expect(collate(a, b), `${a} vs ${b}`).toBe(icu(a, b, false));
      expect(naturalCompare(a, b), `${a} vs ${b}`).toBe(icu(a, b, true));
    }
  });
});
