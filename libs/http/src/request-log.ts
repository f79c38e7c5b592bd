import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { callerOf } from './auth/policy';
import { publicUrl } from './problem';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PROBES = new Set(['/livez', '/readyz', '/metrics']);

/** The W3C trace id of an incoming `traceparent`, so a request line joins its trace. */
const traceIdOf = (traceparent: string | undefined) =>
  /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent ?? '')?.[1];

/**
 * One line per request once answered: who (client, scope), what (method, route), outcome
 * (status, ms), correlation and trace ids. Writes are the audit log (`audit: true`, info);
 * reads are logged at debug; probes and scrapes not at all.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (PROBES.has(req.path)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const write = !READS.has(req.method);
      const traceId = traceIdOf(req.get('traceparent'));
      const line = {
        ...(write ? { audit: true } : {}),
        method: req.method,
        path: publicUrl(req),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        client: callerOf(res)?.client ?? 'anonymous',
        ...(res.locals.scope ? { scope: res.locals.scope as string } : {}),
        correlationId: res.locals.correlationId as string,
        ...(traceId ? { trace_id: traceId } : {}),
      };
      if (write) logger.info(line, 'audit');
      else logger.debug(line, 'request');
    });
    next();
  };
}
