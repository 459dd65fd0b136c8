/**
 * pretty-bytes' output for the two shapes the dashboard uses, with cached `Intl.NumberFormat`s.
 * pretty-bytes formats through `Number.prototype.toLocaleString`, which builds a formatter per
 * call; at a dozen byte values a second that was the top JS function in the Overview's profile.
 * The unit, scaling and rounding follow pretty-bytes 7 step for step; values outside the plain
 * range (non-finite, below 1e-6 after scaling, exponent notation) are handed to pretty-bytes itself.
 *
 * @example
 * const bytes = new BytesFormat('de');
 * bytes.format(1_234_567) // '1,23 MB' (as prettyBytes(1_234_567, { locale: 'de' }))
 * bytes.format(1536, { binary: true, maximumFractionDigits: 1 }) // '1,5 KiB'
 */
import prettyBytes from 'pretty-bytes';

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BIBYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

export interface BytesOptions {
  binary?: boolean;
  /** As pretty-bytes' option: truncates (not rounds) to at most this many fraction digits. */
  maximumFractionDigits?: number;
}

export class BytesFormat {
  /** Default (3 significant digits) formatters by fraction-digit count. */
  private readonly plain: Intl.NumberFormat[] = [];
  /** `maximumFractionDigits` formatters (truncating) by fraction-digit count. */
  private readonly truncating: Intl.NumberFormat[] = [];

  constructor(readonly locale: string) {}

  format(value: number, options: BytesOptions = {}): string {
    const binary = options.binary === true;
    const digits = options.maximumFractionDigits;
    if (!Number.isFinite(value) || (digits !== undefined && !isDigitCount(digits)))
      return this.fallback(value, options);
    let number = Object.is(value, -0) ? 0 : value;
    const prefix = number < 0 ? '-' : '';
    if (number < 0) number = -number;
    const units = binary ? BIBYTE_UNITS : BYTE_UNITS;
    const base = binary ? 1024 : 1000;
    let exponent = 0;
    if (number >= 1) {
      exponent = Math.min(
        Math.floor(binary ? Math.log(number) / Math.log(base) : Math.log10(number) / 3),
        units.length - 1,
      );
    }
    number /= base ** exponent;
    if (number < 1 && exponent > 0) {
      number *= base;
      exponent -= 1;
    }
    let text: string;
    if (digits === undefined) {
      const minimumPrecision = Math.max(3, Math.floor(number).toString().length);
      number = Number(number.toPrecision(minimumPrecision));
      if (number >= base && exponent < units.length - 1) {
        number /= base;
        exponent += 1;
      }
      // pretty-bytes' `toDecimalString`: outside this range it writes digits out by hand.
      if (!(number === 0 || (number >= 1e-6 && number < 1e21))) return this.fallback(value, options);
      const decimal = String(number);
      const point = decimal.indexOf('.');
      const fraction = point === -1 ? 0 : decimal.length - point - 1;
      if (fraction > 100) return this.fallback(value, options);
      text = cached(
        this.plain,
        fraction,
        () => new Intl.NumberFormat(this.locale, { maximumFractionDigits: fraction }),
      ).format(number);
    } else {
      text = cached(
        this.truncating,
        digits,
        () => new Intl.NumberFormat(this.locale, { maximumFractionDigits: digits, roundingMode: 'trunc' }),
      ).format(number);
    }
    return `${prefix}${text} ${units[exponent]}`;
  }

  private fallback(value: number, options: BytesOptions): string {
    return prettyBytes(value, { ...options, locale: this.locale });
  }
}

function isDigitCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 100;
}

function cached(list: Intl.NumberFormat[], index: number, create: () => Intl.NumberFormat): Intl.NumberFormat {
  let formatter = list[index];
  if (!formatter) {
    formatter = create();
    list[index] = formatter;
  }
  return formatter;
}
