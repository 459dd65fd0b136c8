import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadServerToken, TOKEN_FILE } from './server-token.js';
import { startTestServer, tempDir } from './test-support.js';

const posix = process.platform !== 'win32';

describe('the server token', () => {
  it('is generated once (32 random bytes, base64url), kept with mode 0600, and reused', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    expect(first.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(dataDir, TOKEN_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.server.token);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    await first.server.close();
    const second = await startTestServer({ dataDir });
    expect(second.server.token).toBe(first.server.token);
  });

  it('replaces an empty or malformed file, and says so', () => {
    const dataDir = tempDir();
    const file = join(dataDir, TOKEN_FILE);
    for (const content of ['', 'not a token\n']) {
      writeFileSync(file, content);
      const warn = vi.fn();
      const token = loadServerToken(dataDir, warn);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(readFileSync(file, 'utf8').trim()).toBe(token);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/is (empty|not a valid token); a new token was generated/),
      );
      if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('does not replace a file it cannot read, and says which', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, TOKEN_FILE));
    expect(() => loadServerToken(dataDir, () => {})).toThrow(
      /cannot read the server token file .*server-token \(EISDIR\)/,
    );
  });

  it.runIf(posix)('narrows a token file others can read back to 0600', () => {
    const dataDir = tempDir();
    const file = join(dataDir, TOKEN_FILE);
    const token = 'a'.repeat(43);
    writeFileSync(file, `${token}\n`);
    chmodSync(file, 0o644);
    const warn = vi.fn();
    expect(loadServerToken(dataDir, warn)).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('readable by others'));
  });
});
