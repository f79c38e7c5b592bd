/** Network error codes of a dependency (registry, broker, database) that is down or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const NETWORK_TEXT = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed/;
/** Postgres: connection exceptions (08…), the server shutting down or the session terminated (57P0x). */
const PG_UNAVAILABLE = /^(08|57P0)/;
const KAFKA_UNAVAILABLE =
  /^KafkaJS(Connection|RequestTimeout|NumberOfRetriesExceeded|BrokerNotFound)/;

/**
 * True when the request failed because a dependency is down, not because of the request: such
 * an error is a 503 the client may retry, never a 4xx. Looks through `cause` chains.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code)))
    return true;
  if (typeof e.name === 'string' && KAFKA_UNAVAILABLE.test(e.name)) return true;
  if (typeof e.message === 'string' && NETWORK_TEXT.test(e.message)) return true;
  if (e.message === 'Connection terminated unexpectedly') return true;
  return isDependencyUnavailable(e.cause, depth + 1);
}
