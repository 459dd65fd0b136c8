/**
 * Content negotiation for `/metrics`: OpenMetrics when the scraper's `Accept` ranks it at least as
 * high as the Prometheus text format, the text format otherwise (and when there is no `Accept`).
 * Prometheus asks for `application/openmetrics-text` first; VictoriaMetrics, curl and most
 * scrapers ask for `text/plain` or anything.
 *
 * @example
 * prefersOpenMetrics('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5') // true
 * prefersOpenMetrics('text/plain;version=0.0.4;q=1,*\/*;q=0.1') // false
 */

/** The weight (`q`) of each media range in an Accept header, by lower-cased type. */
function weights(accept: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (type === '') continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(weight)) out.set(type, Math.max(out.get(type) ?? 0, weight));
  }
  return out;
}

export function prefersOpenMetrics(accept: string | undefined): boolean {
  if (!accept) return false;
  const w = weights(accept);
  const openMetrics = w.get('application/openmetrics-text') ?? 0;
  if (openMetrics <= 0) return false;
  const text = Math.max(w.get('text/plain') ?? 0, w.get('text/*') ?? 0, w.get('*/*') ?? 0);
  return openMetrics >= text;
}
