/**
 * The web dashboard's access token: 32 random bytes (base64url), generated on the first
 * `run --serve` and kept in the data folder as `server-token` (mode 0600), so a bookmarked
 * dashboard keeps working across restarts. It is never logged; the URL printed at start is the
 * one place it is shown.
 *
 * @example
 * const token = loadServerToken('/home/me/.config/Dashlight', (line) => io.err(line));
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'server-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Reads the token, creating it when absent. An empty or malformed file is replaced (with a
 * warning: old links stop working); a file that cannot be read is an error, because replacing
 * something we cannot even read could hide a permissions problem the user should fix.
 */
export function loadServerToken(dataDir: string, warn: (line: string) => void): string {
  return readOrCreate(join(dataDir, TOKEN_FILE), warn, true);
}

function readOrCreate(file: string, warn: (line: string) => void, mayCreate: boolean): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && mayCreate) return createToken(file, warn);
    throw new Error(
      `cannot read the server token file ${file} (${code ?? (error as Error).message}): ` +
        'fix its permissions, or delete it to have a new token generated',
      { cause: error },
    );
  }
  const token = text.trim();
  if (TOKEN_PATTERN.test(token)) {
    tightenMode(file, warn);
    return token;
  }
  warn(
    `dashlight: warning: the server token file ${file} is ${token === '' ? 'empty' : 'not a valid token'}; ` +
      'a new token was generated (dashboard links printed before no longer work)',
  );
  return replaceToken(file);
}

/** First run. 'wx' so two servers starting at once agree on one token instead of racing. */
function createToken(file: string, warn: (line: string) => void): string {
  const token = newToken();
  try {
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreate(file, warn, false);
    throw new Error(`cannot write the server token file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Written beside the file and renamed over it, so a crash never leaves half a token. */
function replaceToken(file: string): string {
  const token = newToken();
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${token}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    throw new Error(`cannot write the server token file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return token;
}

/** A token others can read is a token others can use: narrow a widened mode back to 0600. */
function tightenMode(file: string, warn: (line: string) => void): void {
  if (process.platform === 'win32') return;
  try {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    chmodSync(file, 0o600);
    warn(`dashlight: warning: ${file} was readable by others (mode ${mode.toString(8)}); it is now 600`);
  } catch {
    // Not ours to chmod (another owner): the token still works; nothing more to do.
  }
}
