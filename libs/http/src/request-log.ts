import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { callerOf } from './auth/policy';
import { publicUrl } from './problem';
import { isProbe } from './route-of';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The request's trace id: its server span's (see traceRequests), or without tracing the one of
 * an incoming `traceparent`, so a request line joins its trace.
 */
const traceIdOf = (req: Request, res: Response): string | undefined => {
  const own = res.locals.traceId as string | undefined;
  if (own && !/^0+$/.test(own)) return own;
  return /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(
    req.get('traceparent') ?? '',
  )?.[1];
};

/**
 * One line per request once answered: who (client, scope), what (method, route), outcome
 * (status, ms), correlation and trace ids. Writes are the audit log (`audit: true`, info);
 * reads are logged at debug; probes and scrapes not at all.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (isProbe(req)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const write = !READS.has(req.method);
      const traceId = traceIdOf(req, res);
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
