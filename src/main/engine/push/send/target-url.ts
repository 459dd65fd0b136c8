/**
 * Where a target's batches go, and how its URL may be shown. The settings hold one URL per target;
 * for influx and otlp a bare origin (`http://vm:8428`) is completed with the protocol's usual path,
 * while a URL with a path is taken as given, so proxies and path prefixes keep working.
 *
 * @example
 * endpointFor({ kind: 'influx', url: 'http://vm:8428', influx: { version: 1, db: 'dashlight', … }, … }).href
 * // 'http://vm:8428/write?db=dashlight&precision=ms'
 * safeUrl('https://me:pw@host/write?db=x&p=pw') // 'https://host/write?db=x&p=***'
 */
import type { PushTarget } from '../../../../shared/push-settings.js';
import { SECRET_PARAM } from '../../../../shared/url-mask.js';

/** The fields of a target that decide its endpoint (tests and the CLI can pass just these). */
export type EndpointFields = Pick<PushTarget, 'kind' | 'url' | 'influx'>;

const hasNoPath = (url: URL): boolean => url.pathname === '' || url.pathname === '/';

/** The URL a batch is POSTed to. Existing query parameters are kept; ours override same-named ones. */
export function endpointFor(target: EndpointFields): URL {
  const url = new URL(target.url);
  switch (target.kind) {
    case 'http-json':
      return url;
    case 'otlp':
      if (hasNoPath(url)) url.pathname = '/v1/metrics';
      return url;
    case 'influx': {
      const { version, db, org, bucket } = target.influx;
      if (version === 1) {
        if (hasNoPath(url)) url.pathname = '/write';
        url.searchParams.set('db', db);
      } else {
        if (hasNoPath(url)) url.pathname = '/api/v2/write';
        if (org !== null) url.searchParams.set('org', org);
        // InfluxDB 2 needs a bucket; VictoriaMetrics treats it like v1's db. Without one, db serves.
        url.searchParams.set('bucket', bucket ?? db);
      }
      // Samples carry epoch milliseconds; the default (ns) would put them in January 1970.
      url.searchParams.set('precision', 'ms');
      return url;
    }
  }
}

/** The URL for status lines and logs: no user or password, secret query values as `***`, no fragment. */
export function safeUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Never echo an unparseable URL: it may be a credential pasted in the wrong field.
    return '(invalid URL)';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  for (const name of new Set(parsed.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.href;
}
