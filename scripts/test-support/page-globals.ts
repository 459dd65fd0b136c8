/**
 * What tests read and do inside a page through playwright's `evaluate`, typed without the DOM
 * library (the Node test code has none): `(globalThis as unknown as PageGlobals).dashlight`.
 */
import type { DashlightBridge } from '../../src/shared/ipc-channels.js';

export interface PageGlobals {
  dashlight: DashlightBridge;
  require?: unknown;
  process?: unknown;
  module?: unknown;
  ipcRenderer?: unknown;
  /** Set by an inline script, which the CSP must refuse. */
  inlineRan?: boolean;
  /** Filled by a `securitypolicyviolation` listener a test installs. */
  cspViolations?: string[];
  document: {
    createElement(tag: 'script'): { textContent: string };
    head: { append(node: unknown): void };
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ): void;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
}
