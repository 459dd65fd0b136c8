import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeLogger, createLogger } from './logger.js';

describe('createLogger', () => {
  it('writes structured JSON lines to dashlight.log at the chosen level, with secrets redacted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-log-'));
    const log = createLogger({ level: 'info', dir });
    log.debug('not at this level');
    log.info({ target: { name: 'vm', token: 's3cret-token' }, headers: { authorization: 'Bearer s3cret' } }, 'push ok');
    log.warn({ rows: 3 }, 'slow commit');
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    await closeLogger(log);
    const text = await readFile(join(dir, 'dashlight.log'), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual(['push ok', 'slow commit']);
    expect(lines[0].level).toBe(30);
    expect(text).not.toContain('s3cret');
    expect(lines[0].target.token).toBe('[redacted]');
    expect(lines[1].rows).toBe(3);
  });

  it("redacts passwords too: the MQTT broker's, the scrape endpoint's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-log-'));
    const log = createLogger({ level: 'info', dir });
    log.info(
      { mqtt: { username: 'ha', password: 'br0ker-pass' }, auth: { type: 'basic', password: 'scr4pe-pass' } },
      'x',
    );
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    await closeLogger(log);
    const text = await readFile(join(dir, 'dashlight.log'), 'utf8');
    expect(text).not.toContain('br0ker-pass');
    expect(text).not.toContain('scr4pe-pass');
    expect(JSON.parse(text).mqtt).toEqual({ username: 'ha', password: '[redacted]' });
  });
});
