import { describe, expect, it } from 'vitest';
import { trustedSenderCheck, senderUrlForLog } from './trusted-sender.js';

const main = (url: string) => ({ senderFrame: { url, parent: null } });

describe('trustedSenderCheck', () => {
  const packaged = trustedSenderCheck('file:///opt/Dashlight/out/renderer/index.html');
  const dev = trustedSenderCheck('http://localhost:5173/');

  it('accepts our page in the main frame, with any query or hash', () => {
    expect(packaged(main('file:///opt/Dashlight/out/renderer/index.html'))).toBe(true);
    expect(packaged(main('file:///opt/Dashlight/out/renderer/index.html?x=1#/alerts'))).toBe(true);
    expect(dev(main('http://localhost:5173/'))).toBe(true);
    expect(dev(main('http://localhost:5173/settings?tab=push'))).toBe(true);
  });

  it('rejects other pages, origins and schemes', () => {
    for (const url of [
      'file:///opt/Dashlight/out/renderer/other.html',
      'file://evil-host/opt/Dashlight/out/renderer/index.html',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,hi',
      'not a url',
      '',
    ]) {
      expect(packaged(main(url)), url).toBe(false);
    }
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'about:blank']) {
      expect(dev(main(url)), url).toBe(false);
    }
  });

  it('rejects subframes and missing or disposed frames', () => {
    const url = 'http://localhost:5173/';
    expect(dev({ senderFrame: { url, parent: { url, parent: null } } })).toBe(false);
    expect(dev({ senderFrame: null })).toBe(false);
    expect(dev({})).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(dev({ senderFrame: disposed })).toBe(false);
    expect(senderUrlForLog({ senderFrame: disposed })).toBe('(disposed frame)');
  });

  it('refuses to trust a renderer URL it cannot reason about', () => {
    expect(() => trustedSenderCheck('about:blank')).toThrow(/unsupported/);
    expect(() => trustedSenderCheck('not a url')).toThrow();
  });
});
