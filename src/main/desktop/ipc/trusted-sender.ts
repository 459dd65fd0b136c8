/**
 * Decides whether an IPC call comes from our own renderer: the main frame, showing our page. A
 * subframe, a navigated-away window (about:blank, data:, another site) or a disposed frame never
 * reaches a handler, so a compromised or foreign page cannot drive the engine.
 *
 * @example
 * const isTrustedSender = trustedSenderCheck(pathToFileURL(rendererHtml).href);
 * isTrustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } }); // false
 */

/** The part of an `IpcMainInvokeEvent` the check reads; plain objects do for tests. */
export interface SenderLike {
  senderFrame?: { readonly url: string; readonly parent?: unknown } | null;
}

/**
 * Returns the `isTrustedSender` predicate for the renderer loaded from `appUrl`.
 * - `file:` apps: the sender must be `file:` with the same path (query and hash are free, so
 *   client-side routes still work).
 * - `http(s):` apps (the dev server): the sender must have the same origin.
 */
export function trustedSenderCheck(appUrl: string): (event: SenderLike) => boolean {
  const app = new URL(appUrl);
  if (app.protocol !== 'file:' && app.protocol !== 'http:' && app.protocol !== 'https:') {
    throw new Error(`unsupported renderer URL: ${appUrl}`);
  }
  return (event) => {
    try {
      const frame = event.senderFrame;
      // Electron reports a disposed or navigated frame as null; a subframe has a parent.
      if (!frame || frame.parent) return false;
      const sender = new URL(frame.url);
      if (app.protocol === 'file:') return sender.protocol === 'file:' && sameFilePath(sender, app);
      return sender.origin === app.origin;
    } catch {
      // Reading `url` of a disposed frame throws in Electron, and a malformed URL throws here:
      // when in doubt, refuse.
      return false;
    }
  };
}

/** Host is compared too: `file://server/share/…` (UNC) is not `file:///share/…`. */
function sameFilePath(a: URL, b: URL): boolean {
  return a.host === b.host && decodeURIComponent(a.pathname) === decodeURIComponent(b.pathname);
}

/** The frame URL for logs, without throwing on a disposed frame. */
export function senderUrlForLog(event: SenderLike): string {
  try {
    return event.senderFrame?.url ?? '(no sender frame)';
  } catch {
    return '(disposed frame)';
  }
}
