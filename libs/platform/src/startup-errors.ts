/**
 * Start-up failures that waiting cannot fix: credentials, rights, a database that does not exist,
 * a programming error. Everything else (a broker still electing leaders, a coordinator loading, a
 * registry or Postgres not accepting yet, a topic being created by another process) is transient.
 */
const PERMANENT_KAFKA_TYPES = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'UNSUPPORTED_SASL_MECHANISM',
  'ILLEGAL_SASL_STATE',
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'INVALID_CONFIG',
]);
const PERMANENT_KAFKA_NAMES = new Set(['KafkaJSSASLAuthenticationError']);
// invalid_password, invalid_authorization_specification, invalid_catalog_name, insufficient_privilege
const PERMANENT_PG_CODES = new Set(['28P01', '28000', '3D000', '42501']);
const PROGRAMMING_ERRORS = new Set(['ReferenceError', 'SyntaxError', 'RangeError']);

interface Described {
  name?: unknown;
  type?: unknown;
  code?: unknown;
  status?: unknown;
  message?: unknown;
  cause?: unknown;
}

function isPermanentOne(error: Described): boolean {
  if (typeof error.name === 'string' && PERMANENT_KAFKA_NAMES.has(error.name)) return true;
  if (typeof error.type === 'string' && PERMANENT_KAFKA_TYPES.has(error.type)) return true;
  if (typeof error.code === 'string' && PERMANENT_PG_CODES.has(error.code)) return true;
  // The schema registry client's ResponseError carries the HTTP status.
  if (error.status === 401 || error.status === 403) return true;
  if (error.name === 'TypeError') return error.message !== 'fetch failed';
  return typeof error.name === 'string' && PROGRAMMING_ERRORS.has(error.name);
}

/** True when `error` (or anything in its cause chain) is a misconfiguration or a bug. */
export function isPermanentStartupError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    if (isPermanentOne(e)) return true;
    e = (e as Described).cause;
  }
  return false;
}

/** Capped exponential back-off with jitter: attempt 1 → ~250 ms, then doubling up to `capMs`. */
export const startupBackoff = (attempt: number, capMs = 10_000, random = Math.random): number => {
  const ceiling = Math.min(capMs, 250 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
};
