/**
 * String order as `a.localeCompare(b, 'en', { numeric })` gives it, without ICU for printable ASCII.
 * The first collator a Node process makes maps ~3 MB of ICU collation data, which the engine
 * would pay just to sort sysfs names such as `hwmon10` and `temp2_input`. Series names and their
 * order come from these sorts, so the order must stay exactly ICU's: punctuation before digits
 * before letters, letters compared without case first and lowercase first on a tie, digit runs
 * by value when `numeric`. Anything outside printable ASCII is handed to ICU.
 *
 * @example
 * ['temp10_input', 'temp2_input'].sort(naturalCompare) // ['temp2_input', 'temp10_input']
 * collate('/mnt/b', '/mnt/A') // 1, as '/mnt/b'.localeCompare('/mnt/A') is
 */

/** ICU's root order of printable ASCII (checked against localeCompare in the tests). */
const ROOT_ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ`;

const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;
/** Primary weight per code point: a letter and its capital share one. */
const PRIMARY = new Int16Array(LAST_PRINTABLE + 1).fill(-1);
/** 1 for capitals: ICU puts lowercase first when nothing else differs. */
const UPPER = new Uint8Array(LAST_PRINTABLE + 1);
{
  let weight = 0;
  for (const char of ROOT_ORDER) {
    const code = char.charCodeAt(0);
    const lower = char.toLowerCase();
    if (char !== lower) {
      PRIMARY[code] = PRIMARY[lower.charCodeAt(0)]!;
      UPPER[code] = 1;
    } else PRIMARY[code] = weight++;
  }
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

function printable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_PRINTABLE || code > LAST_PRINTABLE) return false;
  }
  return true;
}

/** Where the digit run starting at `from` ends. */
function runEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** Two digit runs by value: leading zeros do not count, as in ICU's numeric collation. */
function compareRuns(a: string, aFrom: number, aEnd: number, b: string, bFrom: number, bEnd: number): number {
  while (aFrom < aEnd - 1 && a.charCodeAt(aFrom) === 0x30) aFrom++;
  while (bFrom < bEnd - 1 && b.charCodeAt(bFrom) === 0x30) bFrom++;
  const lengths = aEnd - aFrom - (bEnd - bFrom);
  if (lengths !== 0) return Math.sign(lengths);
  for (; aFrom < aEnd; aFrom++, bFrom++) {
    const diff = a.charCodeAt(aFrom) - b.charCodeAt(bFrom);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

function compareAscii(a: string, b: string, numeric: boolean): number {
  let i = 0;
  let j = 0;
  let caseOrder = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (numeric && isDigit(x) && isDigit(y)) {
      const aEnd = runEnd(a, i);
      const bEnd = runEnd(b, j);
      const order = compareRuns(a, i, aEnd, b, j, bEnd);
      if (order !== 0) return order;
      i = aEnd;
      j = bEnd;
      continue;
    }
    const primary = PRIMARY[x]! - PRIMARY[y]!;
    if (primary !== 0) return Math.sign(primary);
    if (caseOrder === 0) caseOrder = UPPER[x]! - UPPER[y]!;
    i++;
    j++;
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  return caseOrder;
}

/**
 * Compares as `a.localeCompare(b, 'en', { numeric })` does, without loading ICU for ASCII text.
 *
 * @example
 * collate('a_1', 'a1') // -1: punctuation sorts before digits
 */
export function collate(a: string, b: string, numeric = false): number {
  if (printable(a) && printable(b)) return compareAscii(a, b, numeric);
  return Math.sign(a.localeCompare(b, 'en', { numeric }));
}

/**
 * `collate` with digit runs compared by value, for names such as `hwmon10` or `thermal_zone2`.
 *
 * @example
 * ['hwmon10', 'hwmon9'].sort(naturalCompare) // ['hwmon9', 'hwmon10']
 */
export function naturalCompare(a: string, b: string): number {
  return collate(a, b, true);
}
