/**
 * Parses os-release(5) (`/etc/os-release`): KEY=value lines, values optionally quoted.
 *
 * @example
 * parseOsRelease('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\n').get('PRETTY_NAME') // 'Debian GNU/Linux 13 (trixie)'
 */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match?.[1] || match[2] === undefined) continue;
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) value = value.slice(1, -1);
    fields.set(match[1], value.replace(/\\(["'$`\\])/g, '$1'));
  }
  return fields;
}
