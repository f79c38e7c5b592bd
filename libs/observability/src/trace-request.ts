import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, context } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import { contextOf, startSpan } from './spans';

/**
 * Handles a plain `node:http` request in a server span that continues the caller's trace
 * (its `traceparent`) and ends when the response is done (express apps use @o2c/http's).
 */
export function traceRequest<T>(req: IncomingMessage, res: ServerResponse, handle: () => T): T {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const method = req.method ?? 'GET';
  const traceparent = req.headers.traceparent;
  const { span, context: active } = startSpan(`${method} ${path}`, {
    kind: SpanKind.SERVER,
    parent: contextOf(typeof traceparent === 'string' ? traceparent : undefined),
    attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: path },
  });
  res.once('close', () => {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
    if (res.statusCode >= 500 || !res.writableFinished)
      span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(active, handle);
}
