// Plain JavaScript that parses on any Node: it must run before anything that needs Node 22.12.
export const NEEDED = '22.12.0';

/** Returns an error line when `found` is older than 22.12.0, else null. */
export function checkNodeVersion(found) {
  const [major, minor] = String(found).replace(/^v/, '').split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return null;
  return (
    `dashlight: Node.js ${found} found, but Dashlight needs Node.js >= ${NEEDED} ` +
    '(its SQLite driver, better-sqlite3 13, crashes on older versions). ' +
    'Install Node 22.12 or newer, or run it through npx/npm in the project folder, which use the bundled Node 24.'
  );
}
