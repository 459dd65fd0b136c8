import { describe, expect, it } from 'vitest';
import {
  BACKGROUND,
  CONTENT_SECURITY_POLICY,
  dashboardWindowOptions,
  isAllowedExternalUrl,
  MIN_HEIGHT,
  MIN_WIDTH,
} from './window-options.js';

describe('dashboardWindowOptions', () => {
  const base = { preloadPath: '/app/out/preload/index.cjs', dark: false, platform: 'linux' as const };

  it('locks the renderer down: every security flag', () => {
    const options = dashboardWindowOptions(base);
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
  });

  it('starts hidden with a minimum size, a themed background and an auto-hidden menu', () => {
    const light = dashboardWindowOptions(base);
    expect(light).toMatchObject({ show: false, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT, autoHideMenuBar: true });
    expect(light.backgroundColor).toBe(BACKGROUND.light);
    expect(light.center).toBe(true);
    expect(dashboardWindowOptions({ ...base, dark: true }).backgroundColor).toBe(BACKGROUND.dark);
    expect(dashboardWindowOptions({ ...base, platform: 'darwin' }).autoHideMenuBar).toBe(false);
  });

  it('uses remembered bounds', () => {
    const options = dashboardWindowOptions({ ...base, bounds: { x: 10, y: 20, width: 900, height: 700 } });
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
    expect(options.center).toBeUndefined();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is strict: no eval, no plugins, no base or form targets, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(directives.get('connect-src')).toBe("'self'");
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://github.com/dashlight/dashlight', true],
    ['https://GITHUB.com/x', true],
    ['http://github.com/', false],
    ['https://github.com.evil.example/', false],
    ['https://evil.example/github.com', false],
    ['https://user:pass@github.com/', false],
    ['https://github.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('the page carries the same CSP', () => {
  it("index.html's meta tag equals CONTENT_SECURITY_POLICY, less what a meta tag cannot set", async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    // Browsers ignore frame-ancestors in a <meta> (the window is never framed in Electron anyway).
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(expected);
  });
});
