/** What went wrong, independent of the transport that reported it. */
export type OdooErrorKind =
  | 'access_denied'
  | 'access'
  | 'missing'
  | 'validation'
  | 'user'
  | 'concurrency'
  | 'lock'
  | 'value'
  | 'not_found'
  | 'transport'
  | 'timeout'
  | 'unknown';

export interface OdooErrorInit {
  /** Odoo's fully-qualified exception class (`error.data.name` / the JSON-2 body's `name`). */
  name: string;
  message: string;
  kind: OdooErrorKind;
  arguments?: readonly unknown[];
  httpStatus?: number;
}

const RETRYABLE_KINDS: ReadonlySet<OdooErrorKind> = new Set([
  'concurrency',
  'lock',
  'transport',
  'timeout',
]);

/**
 * A failed Odoo call. `kind` is the error code to dispatch on; `retryable` says whether the same
 * call may succeed later. `kind: 'timeout'` means the request was sent and no answer came (the
 * deadline passed or the connection dropped): the call may have committed, so look the record up
 * by its business key before repeating a create. `kind: 'transport'` means Odoo was not reached
 * (refused, DNS, TLS) or a proxy answered 502/503.
 */
export class OdooError extends Error {
  readonly kind: OdooErrorKind;
  readonly arguments: readonly unknown[];
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;

  constructor(init: OdooErrorInit, options?: ErrorOptions) {
    super(init.message, options);
    this.name = init.name;
    this.kind = init.kind;
    this.arguments = init.arguments ?? [init.message];
    this.httpStatus = init.httpStatus;
    // A 5xx with a known class (e.g. ValueError on JSON-2) stays non-retryable, as on JSON-RPC.
    this.retryable =
      RETRYABLE_KINDS.has(init.kind) || (init.kind === 'unknown' && (init.httpStatus ?? 0) >= 500);
  }
}
