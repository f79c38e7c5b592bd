import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendProblem } from '../problem';
import type { Caller } from './api-keys';
import { callerOf, unauthenticated } from './policy';

/**
 * Identifies the caller from `Authorization: Bearer <api key>`. No header: the request goes on
 * anonymous and a route's `allow` answers 401; a header with an unknown key is a 401 at once.
 */
export function authenticate(lookup: (key: string) => Caller | undefined): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const key = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const caller = key === undefined ? undefined : lookup(key);
    if (!caller)
      return unauthenticated(
        res,
        key === undefined ? 'expected Authorization: Bearer <key>' : 'the API key is not valid',
        true,
      );
    res.locals.caller = caller;
    next();
  };
}

/**
 * At most `limit` requests per authenticated client in each window (0: no limit); beyond it a
 * 429 problem with Retry-After. Anonymous requests are not counted: they get a 401 from their
 * route, or are webhooks whose senders retry on their own schedule.
 */
export function limitPerCaller({
  limit,
  windowMs,
}: {
  limit: number;
  windowMs: number;
}): RequestHandler {
  if (limit === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    skip: (_req, res) => !callerOf(res),
    keyGenerator: (_req, res) => callerOf(res)?.client ?? '',
    handler: (req, res) =>
      sendProblem(res, {
        type: 'urn:o2c:problem:rate-limited',
        title: 'Too Many Requests',
        status: 429,
        detail: `client ${callerOf(res)?.client} sent more than ${limit} requests in ${windowMs} ms; retry after Retry-After seconds`,
        instance: req.originalUrl,
      }),
  });
}
