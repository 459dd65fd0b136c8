/**
 * Number formatting for locales that write numbers as en-US does ("-1,234.5"), without ICU.
 * The first Intl.NumberFormat a Node process makes maps ~7 MB of ICU's locale and number data,
 * which the headless engine would pay for the text of its first alert; this gives the same
 * strings as Intl.NumberFormat for those locales (rounding half away from zero on the shortest
 * decimal form of the number, as ICU does) and hands anything else to Intl.
 *
 * @example
 * const one = plainNumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
 * one?.format(1234.56) // '1,234.6'
 * plainNumberFormat('de-DE', {}) // undefined: use Intl.NumberFormat
 */

/** The subset of Intl.NumberFormatOptions the units convention uses. */
export interface PlainNumberOptions {
  readonly minimumFractionDigits?: number;
  readonly maximumFractionDigits?: number;
  readonly useGrouping?: boolean;
}

/** What units.ts needs of a formatter: Intl.NumberFormat has it too. */
export interface NumberFormatter {
  format(value: number): string;
}

/** Locales whose numbers are "1,234.5" (checked against Intl in the tests). */
const PLAIN_LOCALES = new Set(['en', 'en-us', 'en-gb', 'en-au', 'en-ca', 'en-nz', 'en-ie']);
/** Below this (and above zero) or from this up, String(x) uses an exponent: Intl formats those. */
const SMALLEST = 1e-6;
const LARGEST = 1e21;

/** A formatter for `tag` when it writes numbers as en-US does; undefined for any other locale. */
export function plainNumberFormat(tag: string, options: PlainNumberOptions): NumberFormatter | undefined {
  return PLAIN_LOCALES.has(tag.toLowerCase()) ? new PlainNumberFormat(tag, options) : undefined;
}

class PlainNumberFormat implements NumberFormatter {
  private readonly min: number;
  private readonly max: number;
  private readonly grouping: boolean;
  private intl: Intl.NumberFormat | undefined;

  constructor(
    private readonly tag: string,
    private readonly options: PlainNumberOptions,
  ) {
    this.max = options.maximumFractionDigits ?? Math.max(3, options.minimumFractionDigits ?? 0);
    this.min = Math.min(options.minimumFractionDigits ?? 0, this.max);
    this.grouping = options.useGrouping ?? true;
  }

  format(value: number): string {
    const size = Math.abs(value);
    if (!Number.isFinite(value) || size >= LARGEST || (size < SMALLEST && size !== 0)) {
      this.intl ??= new Intl.NumberFormat(this.tag, this.options);
      return this.intl.format(value);
    }
    const negative = value < 0 || Object.is(value, -0);
    const [whole, fraction] = this.round(String(size));
    const grouped = this.grouping ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
    return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
  }

  /** The whole and fraction digits of a plain decimal string, rounded half away from zero. */
  private round(decimal: string): [string, string] {
    const dot = decimal.indexOf('.');
    const whole = dot < 0 ? decimal : decimal.slice(0, dot);
    const fraction = dot < 0 ? '' : decimal.slice(dot + 1);
    let digits = whole + fraction.slice(0, this.max).padEnd(this.max, '0');
    if (fraction.length > this.max && fraction.charCodeAt(this.max) >= 53 /* '5' */) digits = increment(digits);
    const split = digits.length - this.max;
    let kept = digits.slice(split);
    let end = kept.length;
    while (end > this.min && kept.charCodeAt(end - 1) === 48 /* '0' */) end--;
    kept = kept.slice(0, end);
    return [digits.slice(0, split), kept];
  }
}

/** A string of decimal digits plus one ("0999" → "1000", "99" → "100"). */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1);
}
