import { OdooError, type OdooErrorKind } from './odoo-error';

const KIND_BY_NAME: Record<string, OdooErrorKind> = {
  'odoo.exceptions.AccessDenied': 'access_denied',
  'odoo.http.SessionExpiredException': 'access_denied',
  'werkzeug.exceptions.Unauthorized': 'access_denied',
  'odoo.exceptions.AccessError': 'access',
  'odoo.exceptions.MissingError': 'missing',
  'odoo.exceptions.ValidationError': 'validation',
  'odoo.exceptions.UserError': 'user',
  'odoo.exceptions.RedirectWarning': 'user',
  'odoo.exceptions.LockError': 'lock',
  'builtins.ValueError': 'value',
  'builtins.TypeError': 'value',
  'builtins.AttributeError': 'not_found',
  'werkzeug.exceptions.NotFound': 'not_found',
  // JSON-2's answers to a malformed request (bad JSON, unknown or misplaced arguments): our bug.
  'werkzeug.exceptions.BadRequest': 'value',
  'werkzeug.exceptions.UnprocessableEntity': 'value',
};

// psycopg2.errors.* and psycopg.errors.* alike: the server already retried these 5 times.
const CONCURRENCY = /\.(SerializationFailure|DeadlockDetected|LockNotAvailable)$/;

const KIND_BY_STATUS: Record<number, OdooErrorKind> = {
  400: 'value',
  401: 'access_denied',
  403: 'access',
  404: 'not_found',
  409: 'lock',
  415: 'value',
  422: 'validation',
  // A gateway gave up waiting for Odoo, which may still commit.
  504: 'timeout',
};

function kindOf(name: string, status: number | undefined): OdooErrorKind {
  const known = KIND_BY_NAME[name];
  if (known) return known;
  if (CONCURRENCY.test(name)) return 'concurrency';
  return (status !== undefined && KIND_BY_STATUS[status]) || 'unknown';
}

/** The `{name, message, arguments}` body shared by JSON-RPC `error.data` and JSON-2 errors. */
export function fromOdooBody(body: Record<string, unknown>, httpStatus?: number): OdooError {
  const name = typeof body['name'] === 'string' ? body['name'] : 'odoo.UnknownError';
  const message = typeof body['message'] === 'string' ? body['message'] : 'Odoo Server Error';
  const args = Array.isArray(body['arguments']) ? (body['arguments'] as unknown[]) : [message];
  return new OdooError({
    name,
    message,
    arguments: args,
    kind: kindOf(name, httpStatus),
    httpStatus,
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!);

/**
 * The readable part of an answer: werkzeug's HTML error page (Odoo 17's 400s, 404s) gives its
 * title and description ("400 Bad Request: Invalid JSON data"), anything else its start.
 */
function describeBody(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  if (!title) return text.trim().slice(0, 300);
  const description = /<p>([\s\S]*?)<\/p>/i.exec(text)?.[1]?.trim();
  return unescape(description ? `${title}: ${description}` : title).slice(0, 300);
}

/** A response that is not an Odoo error body: a 400/415 (text or HTML), a proxy's 502, an HTML 404. */
export function fromHttpStatus(status: number, text: string): OdooError {
  const message = describeBody(text) || `HTTP ${status}`;
  const kind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'transport' : 'unknown');
  return new OdooError({ name: `http.${status}`, message, kind, httpStatus: status });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
