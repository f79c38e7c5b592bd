import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

// Keep-alive where the server allows it (a proxy in front of Odoo usually does): an ORM call
// then reuses a connection. A real Odoo 17 served directly answers `Connection: close`, so each
// call opens one. Node's agent drops an idle connection a second before the server's
// `Keep-Alive: timeout` hint, and idle sockets do not keep the process alive.
const agents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};

/**
 * One HTTP exchange over node:http (fetch costs about three times its CPU per call here: see
 * bench/fetch-vs-http.ts); failures below HTTP become OdooError 'timeout' or 'transport'.
 */
export async function sendRequest(req: HttpRequest): Promise<HttpAnswer> {
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = {
    'User-Agent': 'o2c-odoo-client',
    ...traceHeaders(),
    ...req.headers,
  };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  try {
    return await exchange(new URL(req.url), req, headers, body);
  } catch (error) {
    throw toTransportError(error, req);
  }
}

/** The request, then its whole answer, within `timeoutMs`: a stalled body is a timeout too. */
function exchange(
  url: URL,
  req: HttpRequest,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<HttpAnswer> {
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:')
    throw new TypeError(`unsupported protocol ${url.protocol}`);
  return new Promise((resolve, reject) => {
    const agent = https ? agents.https : agents.http;
    const request = (https ? httpsRequest : httpRequest)(url, {
      method: req.method,
      headers,
      agent,
    });
    const timer = setTimeout(() => {
      const error = new Error(`no answer in ${req.timeoutMs} ms`);
      error.name = 'TimeoutError';
      reject(error);
      request.destroy(error);
    }, req.timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    request.on('error', fail);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text });
      });
    });
    request.end(body);
  });
}

// Codes of a connection lost once the request was on its way: the outcome is unknown.
const LOST_AFTER_SEND = new Set(['ECONNRESET', 'EPIPE']);

function toTransportError(error: unknown, req: HttpRequest): OdooError {
  const where = `${req.method} ${req.url.replace(/^\w+:\/\/[^/]*/, '')}`;
  if (nameOf(error) === 'TimeoutError') {
    const message = `${where}: no answer in ${req.timeoutMs} ms; the call may have committed`;
    return new OdooError({ name: 'o2c.Timeout', kind: 'timeout', message }, { cause: error });
  }
  const code = (error as { code?: unknown } | undefined)?.code;
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
  const { message, code } = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: string;
    code?: string;
  };
  const text = message ?? 'request failed';
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

/** Parses a body as JSON, or returns undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
