/**
 * The dashboard's Content Security Policy, one text for every way it is loaded: the desktop
 * window (also as the `<meta>` in src/renderer/index.html, since a file:// page gets no header)
 * and the headless server's responses. The dashboard loads nothing from elsewhere, so "self" is
 * enough; no 'unsafe-eval' (Chart.js and Svelte need none); inline styles stay allowed because
 * Svelte and Chart.js set `style` attributes.
 *
 * @example
 * res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
