/**
 * RFC 4180 text cells with formula-injection protection.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some with a leading tab or
 * CR) as a formula. Column names carry entity names (mount paths, interface names) that users
 * and other programs control, so every TEXT cell starting with one of those gets a leading `'`,
 * which spreadsheets show as text and hide. Numbers are never passed through here: a negative
 * value must stay a number. A cell holding `,` `"` CR or LF is quoted, with inner quotes doubled.
 *
 * @example
 * csvText('cpu.total_pct') // 'cpu.total_pct'
 * csvText('fs.used[/mnt/a,b "c"]_bytes') // '"fs.used[/mnt/a,b ""c""]_bytes"'
 * csvText('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */

/** Characters that make a spreadsheet treat a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that force quoting (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell, neutralised and quoted as needed. */
export function csvText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A header or text row: cells joined by commas, ended by CRLF (RFC 4180 §2.1). */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvText).join(',')}\r\n`;
}
