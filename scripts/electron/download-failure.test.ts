import { describe, expect, it } from 'vitest';
import { DownloadError, unavailableMessage, whatFailed } from './download-failure.js';

const URL_ = 'https://mirror.example/electron/v45.4.1/electron-v45.4.1-linux-x64.zip';
/** What fetch throws for a socket error: a TypeError whose cause carries the code. */
const fetchFailed = (cause: object) => new DownloadError(URL_, new TypeError('fetch failed', { cause }));

describe('whatFailed', () => {
  it.each([
    ['ECONNREFUSED', 'the connection to mirror.example was refused'],
    ['ENOTFOUND', 'mirror.example could not be resolved (no network, or no DNS)'],
    ['EAI_AGAIN', 'mirror.example could not be resolved (no network, or no DNS)'],
    ['ETIMEDOUT', 'the connection to mirror.example timed out'],
    ['ENETUNREACH', 'mirror.example is unreachable (no network)'],
    ['ECONNRESET', 'the connection to mirror.example was cut (a proxy or firewall may block it)'],
  ])('names %s in words, with the URL', (code, words) => {
    expect(whatFailed(fetchFailed(Object.assign(new Error('x'), { code })))).toBe(`${words} (${URL_})`);
  });

  it('finds the code inside an AggregateError (one error per address tried)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' });
    expect(whatFailed(fetchFailed(new AggregateError([refused])))).toBe(
      `the connection to mirror.example was refused (${URL_})`,
    );
  });

  it('points at NODE_EXTRA_CA_CERTS when a proxy re-signs TLS', () => {
    const text = whatFailed(
      fetchFailed(Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' })),
    );
    expect(text).toContain('the TLS certificate of mirror.example was refused (SELF_SIGNED_CERT_IN_CHAIN)');
    expect(text).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('gives the HTTP status of a blocked or missing file', () => {
    const forbidden = Object.assign(new Error('Response code 403'), {
      response: { status: 403, statusText: 'Forbidden' },
    });
    expect(whatFailed(new DownloadError(URL_, forbidden))).toBe(`${URL_} answered 403 Forbidden`);
    const missing = Object.assign(new Error('Response code 404'), {
      response: { status: 404, statusText: 'Not Found' },
    });
    expect(whatFailed(new DownloadError(URL_, missing))).toContain('answered 404 Not Found; check ELECTRON_MIRROR');
  });

  it('recognises the checksum errors of sumchecker, which @electron/get uses', () => {
    class ChecksumMismatchError extends Error {
      filename = 'electron-v45.4.1-linux-x64.zip';
    }
    class NoChecksumFoundError extends Error {
      filename = 'electron-v45.4.1-linux-x64.zip';
    }
    expect(whatFailed(new ChecksumMismatchError())).toMatch(
      /^electron-v45\.4\.1-linux-x64\.zip does not match its published SHA-256 checksum/,
    );
    expect(whatFailed(new NoChecksumFoundError())).toBe(
      'the checksum list has no entry for electron-v45.4.1-linux-x64.zip',
    );
  });

  it('falls back to the first line of any other error', () => {
    expect(whatFailed(new Error('disk full\n    at somewhere'))).toBe('disk full');
  });
});

describe('unavailableMessage', () => {
  it('is one block: what failed, a mirror, a local copy, headless mode', () => {
    const text = unavailableMessage({ version: '45.4.1', target: 'linux-x64', what: 'the connection was refused' });
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'dashlight: could not download Electron 45.4.1 for linux-x64, which the tray app needs (once; it is cached after).',
    );
    expect(lines[1]).toBe('  What failed: the connection was refused.');
    expect(text).toMatch(/ELECTRON_MIRROR[\s\S]*ELECTRON_OVERRIDE_DIST_PATH[\s\S]*npx dashlight run --serve/);
  });
});
