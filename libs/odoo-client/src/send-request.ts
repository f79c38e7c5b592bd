import { traceHeaders } from '@o2c/observability';
import { OdooError } from './odoo-error';

export interface HttpAnswer {
  status: number;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

/** One HTTP exchange; failures below HTTP become OdooError 'timeout' or 'transport'. */
export async function sendRequest(req: HttpRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = {
    'User-Agent': 'o2c-odoo-client',
    ...traceHeaders(),
    ...req.headers,
  };
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(req.url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    // The body is read under the same signal, so a stalled body is a timeout too.
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw toTransportError(error, req);
  }
}

// undici's codes for a connection lost once the request was on its way: the outcome is unknown.
const LOST_AFTER_SEND = new Set([
  'UND_ERR_SOCKET',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function toTransportError(error: unknown, req: HttpRequest): OdooError {
  const where = `${req.method} ${req.url.replace(/^\w+:\/\/[^/]*/, '')}`;
  // Duck-typed: fetch's errors may come from another realm (jest's vm), defeating instanceof.
  if (nameOf(error) === 'TimeoutError') {
    const message = `${where}: no answer in ${req.timeoutMs} ms; the call may have committed`;
    return new OdooError({ name: 'o2c.Timeout', kind: 'timeout', message }, { cause: error });
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof code === 'string' && LOST_AFTER_SEND.has(code)) {
    const message = `${where}: connection lost before the answer (${code}); the call may have committed`;
    return new OdooError({ name: 'o2c.Timeout', kind: 'timeout', message }, { cause: error });
  }
  const message = `${where}: ${describe(error)}`;
  return new OdooError(
    { name: 'o2c.TransportError', kind: 'transport', message },
    { cause: error },
  );
}

function nameOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { name?: unknown }).name
    : undefined;
}

function describe(error: unknown): string {
  const { message, cause } = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: string;
    cause?: { message?: string; code?: string };
  };
  const detail = cause?.code ?? cause?.message;
  return detail ? `${message ?? 'fetch failed'} (${detail})` : (message ?? 'fetch failed');
}

/** Parses a body as JSON, or returns undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
