/**
 * The fault script of the fault proxy (see fault-proxy.ts): what a test writes, and the checked
 * form the proxy plays.
 *
 * @example
 * parseFault({ status: 429, retryAfter: 2 }) // { kind: 'status', label: '429', status: 429, retryAfter: 2, … }
 * parseFault('hnag') // throws: unknown fault "hnag"
 */
export type Fault =
  | 'pass'
  | 'hang'
  | 'reset'
  /** A status to answer, such as `'500'` or `503`. */
  | `${number}`
  | number
  | {
      readonly status: number;
      /** Seconds (a number) or an HTTP-date (a string), sent as Retry-After. */
      readonly retryAfter?: number | string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    }
  | { readonly slow: number };

export type Step =
  | { readonly kind: 'pass' | 'hang' | 'reset'; readonly label: string }
  | { readonly kind: 'slow'; readonly label: string; readonly ms: number }
  | {
      readonly kind: 'status';
      readonly label: string;
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: string;
      readonly retryAfter: number | string | undefined;
    };

/** Checks a fault when it is scripted, so a typo fails the test there rather than as a dropped socket. */
export function parseFault(fault: Fault): Step {
  if (fault === 'pass' || fault === 'hang' || fault === 'reset') return { kind: fault, label: fault };
  if (typeof fault === 'object' && 'slow' in fault)
    return { kind: 'slow', label: `slow ${fault.slow}`, ms: fault.slow };
  const spec = typeof fault === 'object' ? fault : { status: Number(fault) };
  if (!Number.isInteger(spec.status) || spec.status < 200 || spec.status > 599) {
    throw new Error(`fault-proxy: unknown fault ${JSON.stringify(fault)}`);
  }
  const { status, retryAfter, headers = {}, body = `injected ${status}` } = spec as Extract<Fault, { status: number }>;
  return { kind: 'status', label: String(status), status, headers, body, retryAfter };
}
