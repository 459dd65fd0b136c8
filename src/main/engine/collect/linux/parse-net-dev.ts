/**
 * Parses /proc/net/dev into received/sent byte counters per interface, straight from the bytes
 * read. A Kubernetes node lists hundreds of interfaces and the file is read every tick, so the
 * table is filled in place: no text is decoded, no object is made per line, and an interface's
 * name is only decoded when the line does not hold the name it held last time (an interface
 * came, went or was renamed). While the list stays the same, `names` is the same array.
 *
 * A large counter can touch the colon ("eth0:4294967296 ..."), so lines are split on the first
 * colon, never on whitespace alone; interface names cannot contain a colon.
 *
 * @example
 * const table = new NetDevTable();
 * table.parse(bytes); // true: the names changed (here: first read)
 * table.names         // ['lo', 'eth0']
 * table.rx[1]         // 610280146 (eth0's received bytes)
 */

const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const BAR = 0x7c;
const ZERO = 0x30;
const NINE = 0x39;
/** Up to this many digits a number adds up exactly in a double; longer ones are left to Number(). */
const EXACT_DIGITS = 15;
/** Receive has 8 columns (bytes first), transmit starts at column 8 (bytes first). */
const TX_FIELD = 8;
const EMPTY = Buffer.alloc(0);

export class NetDevTable {
  /** Interface names in the file's order; replaced (never changed in place) when the list changes. */
  names: readonly string[] = [];
  /** Received bytes, by position in `names`. */
  readonly rx: number[] = [];
  /** Sent bytes, by position in `names`. */
  readonly tx: number[] = [];
  /** The bytes being parsed; only set during `parse`. */
  private bytes: Buffer = EMPTY;

  /** Reads the file's bytes into the table; true when `names` changed. Lines that are not counters are skipped. */
  parse(bytes: Buffer): boolean {
    this.bytes = bytes;
    const previous = this.names;
    let fresh: string[] | null = null;
    let count = 0;
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.indexOf(NEWLINE, start);
      if (end < 0) end = bytes.length;
      const colon = this.counters(start, end, count);
      if (colon >= 0) {
        if (!fresh && !this.nameIs(start, colon, previous[count])) fresh = previous.slice(0, count);
        fresh?.push(this.nameAt(start, colon));
        count++;
      }
      start = end + 1;
    }
    this.bytes = EMPTY;
    this.rx.length = count;
    this.tx.length = count;
    if (!fresh && count === previous.length) return false;
    this.names = fresh ?? previous.slice(0, count);
    return true;
  }

  /**
   * Stores the line's counters at `place`; the colon's offset, or -1 when the line holds no
   * counters (a header, a short or garbled line).
   */
  private counters(start: number, end: number, place: number): number {
    const bytes = this.bytes;
    let colon = -1;
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      if (c === BAR) return -1;
      if (c === COLON) {
        colon = i;
        break;
      }
    }
    if (colon < 0 || this.nameStart(start, colon) === colon) return -1;
    let rx = Number.NaN;
    let tx = Number.NaN;
    let field = 0;
    let i = colon + 1;
    while (i < end && field <= TX_FIELD) {
      while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
      if (i >= end) break;
      const from = i;
      while (i < end && bytes[i] !== SPACE && bytes[i] !== TAB) i++;
      if (field === 0) rx = this.number(from, i);
      else if (field === TX_FIELD) tx = this.number(from, i);
      field++;
    }
    if (field <= TX_FIELD || Number.isNaN(rx) || Number.isNaN(tx)) return -1;
    this.rx[place] = rx;
    this.tx[place] = tx;
    return colon;
  }

  /** The decimal number in [from, to), or NaN when it is not one. */
  private number(from: number, to: number): number {
    const bytes = this.bytes;
    if (to - from > EXACT_DIGITS) {
      const value = Number(bytes.toString('latin1', from, to));
      return Number.isInteger(value) && value >= 0 ? value : Number.NaN;
    }
    let value = 0;
    for (let i = from; i < to; i++) {
      const c = bytes[i]!;
      if (c < ZERO || c > NINE) return Number.NaN;
      value = value * 10 + (c - ZERO);
    }
    return value;
  }

  /** Where the name starts: after the padding the kernel right-aligns it with. */
  private nameStart(start: number, colon: number): number {
    let i = start;
    while (i < colon && (this.bytes[i] === SPACE || this.bytes[i] === TAB)) i++;
    return i;
  }

  private nameAt(start: number, colon: number): string {
    return this.bytes.toString('utf8', this.nameStart(start, colon), colon).trimEnd();
  }

  /** True when the line's name is `name`, compared byte by byte (ASCII), decoding only past ASCII. */
  private nameIs(start: number, colon: number, name: string | undefined): boolean {
    if (name === undefined) return false;
    const from = this.nameStart(start, colon);
    if (colon - from !== name.length) return this.nameAt(start, colon) === name;
    for (let k = 0; k < name.length; k++) {
      const c = this.bytes[from + k]!;
      if (c >= 0x80) return this.nameAt(start, colon) === name;
      if (c !== name.charCodeAt(k)) return false;
    }
    return true;
  }
}
