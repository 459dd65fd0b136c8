import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererEntry } from './renderer-entry.js';

const appDir = join('/opt', 'dashlight');
const built = { file: join(appDir, 'out', 'renderer', 'index.html') };
const choose = (env: NodeJS.ProcessEnv, isPackaged = false) => rendererEntry({ isPackaged, appDir, env });

describe('rendererEntry', () => {
  it('loads the built dashboard when ELECTRON_RENDERER_URL is not set', () => {
    expect(choose({})).toEqual({ entry: built, ignored: null });
    expect(choose({ ELECTRON_RENDERER_URL: '' })).toEqual({ entry: built, ignored: null });
  });

  it.each(['http://127.0.0.1:5173/', 'http://localhost:5173/', 'http://[::1]:5173/', 'https://127.0.0.2:4000/'])(
    'loads the dev server at %s',
    (url) => {
      expect(choose({ ELECTRON_RENDERER_URL: url })).toEqual({ entry: { url }, ignored: null });
    },
  );

  it.each([
    ['http://192.168.1.20:5173/', 'only a dev server on this machine'],
    ['http://dev.example.com:5173/', 'only a dev server on this machine'],
    ['http://127.0.0.1.evil.example/', 'only a dev server on this machine'],
    ['http://localhost.evil.example/', 'only a dev server on this machine'],
    ['file:///etc/passwd', 'only http(s) dev servers'],
    ['http://user:pw@127.0.0.1:5173/', 'credentials in the URL'],
    ['not a url', 'not a URL'],
  ])('never loads %s, and says why', (url, why) => {
    const choice = choose({ ELECTRON_RENDERER_URL: url });
    expect(choice.entry).toEqual(built);
    expect(choice.ignored).toContain(why);
  });

  it('ignores the variable in an installed app', () => {
    const choice = choose({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, true);
    expect(choice.entry).toEqual(built);
    expect(choice.ignored).toBe('ELECTRON_RENDERER_URL is ignored by an installed app');
  });
});
