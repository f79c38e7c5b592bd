import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import {
  SpanKind,
  SpanStatusCode,
  context,
  contextOf,
  markFailed,
  startSpan,
} from '@o2c/observability';
import type { RequestHandler } from 'express';
import { isProbe, routeOf } from './route-of';

/**
 * A server span per request (probes and scrapes aside), continuing the caller's trace when it
 * sends a `traceparent`; the rest of the request runs inside it, so the spans and log lines of
 * its work join that trace. Its ids go in `res.locals` for the request log.
 */
export function traceRequests(): RequestHandler {
  return (req, res, next) => {
    if (isProbe(req)) return next();
    const { span, context: active } = startSpan(req.method, {
      kind: SpanKind.SERVER,
      parent: contextOf(req.get('traceparent')),
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: req.method,
        [ATTR_URL_PATH]: req.path,
        [ATTR_URL_SCHEME]: req.protocol,
      },
    });
    const ids = span.spanContext();
    res.locals.traceId = ids.traceId;
    res.locals.spanId = ids.spanId;
    const end = () => {
      const route = routeOf(req);
      span.updateName(route === 'unmatched' ? req.method : `${req.method} ${route}`);
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (route !== 'unmatched') span.setAttribute(ATTR_HTTP_ROUTE, route);
      // An unhandled error (problemHandler leaves it in res.locals), a 5xx, or a client gone.
      if (res.locals.error !== undefined) markFailed(span, res.locals.error);
      else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      else if (!res.writableFinished)
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'client went away' });
      span.end();
    };
    res.once('close', end);
    context.with(active, next);
  };
}
