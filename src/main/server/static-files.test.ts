import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from './security-headers.js';
import { NOT_BUILT_MESSAGE, resolveStaticPath } from './static-files.js';
import { bearer, request, startTestServer, tempDir } from './test-support.js';

/** A renderer folder like Vite's, beside a secret the server must never hand out. */
function builtRenderer(): { root: string; rendererDir: string } {
  const root = tempDir();
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/index-abc.js">');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(rendererDir, 'assets', 'font.woff2'), 'x');
  writeFileSync(join(rendererDir, 'assets', 'blob.xyz'), 'x');
  writeFileSync(join(rendererDir, '.hidden'), 'x');
  writeFileSync(join(root, 'package.json'), '{"secret":true}');
  return { root, rendererDir };
}

describe('static dashboard files', () => {
  it('serves / as index.html (no-cache) and hashed assets as immutable, with the right types', async () => {
    const { rendererDir } = builtRenderer();
    const { server } = await startTestServer({ rendererDir });
    const get = (path: string) => request(server.port, path, { headers: bearer(server) });
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<!doctype html>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(index.headers[name.toLowerCase()]).toBe(value);
    const types: Record<string, string> = {
      '/assets/index-abc.js': 'text/javascript; charset=utf-8',
      '/assets/index-abc.css': 'text/css; charset=utf-8',
      '/assets/logo.svg': 'image/svg+xml',
      '/assets/font.woff2': 'font/woff2',
      '/assets/blob.xyz': 'application/octet-stream',
    };
    for (const [path, type] of Object.entries(types)) {
      const reply = await get(path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type'], path).toBe(type);
      expect(reply.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    const head = await request(server.port, '/index.html', { method: 'HEAD', headers: bearer(server) });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('lists no folders and never leaves the renderer folder', async () => {
    const { root, rendererDir } = builtRenderer();
    // Symlinks need privileges on Windows; elsewhere, one that points outside must not be followed.
    if (process.platform !== 'win32') symlinkSync(join(root, 'package.json'), join(rendererDir, 'assets', 'link.json'));
    const { server } = await startTestServer({ rendererDir });
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2fpackage.json',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%5c..%5cpackage.json',
      '/..\\package.json',
      '/assets/',
      '/assets',
      '/.hidden',
      '/index.html%00.js',
      '/%ff',
      '/assets/link.json',
      `/${root}/package.json`,
      '//etc/passwd',
    ];
    for (const path of attempts) {
      const reply = await request(server.port, path, { headers: bearer(server) });
      expect([400, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain('secret');
      expect(reply.headers['content-security-policy'], path).toBeDefined();
    }
  });

  it('answers 503 with advice when the dashboard is not built', async () => {
    const { server } = await startTestServer({ rendererDir: join(tempDir(), 'missing') });
    const reply = await request(server.port, '/', { headers: bearer(server) });
    expect(reply.status).toBe(503);
    expect(reply.body.trim()).toBe(NOT_BUILT_MESSAGE);
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
    const emptyDir = tempDir();
    const { server: second } = await startTestServer({ rendererDir: emptyDir });
    expect((await request(second.port, '/assets/x.js', { headers: bearer(second) })).status).toBe(503);
  });
});

describe('resolveStaticPath', () => {
  it('maps request paths into the folder, or refuses them', () => {
    const root = tempDir();
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
    for (const bad of ['/..', '/a/../b', '/%2e%2e/x', '/a%2fb', '/a%5Cb', '/a%00', 'x', '/a/', '/C:/x', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, bad), bad).toBeNull();
    }
  });
});
