import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../problem';
import type { Caller } from './api-keys';
import type { Scope } from './scopes';

/** What a route demands: a scope, or nothing from us (open, or authenticated by a signature). */
export type RoutePolicy = { kind: 'scope'; scope: Scope } | { kind: 'public'; reason: string };

const POLICY = Symbol.for('o2c.routePolicy');
const REALM = 'Bearer realm="o2c"';

/** The authenticated caller of this request, if any (set by the server's authentication). */
export const callerOf = (res: Response): Caller | undefined =>
  res.locals.caller as Caller | undefined;

/**
 * A policy is the route's first handler. Typed for any route parameters, so that express still
 * infers `req.params` of the route's own handler from its path.
 */
type PolicyHandler = <P>(req: Request<P>, res: Response, next: NextFunction) => void;

function tagged(handler: RequestHandler, policy: RoutePolicy): PolicyHandler {
  return Object.assign(handler, { [POLICY]: policy }) as PolicyHandler;
}

/** The policy a route handler carries, for the route table (tests, docs). */
export const policyOf = (handler: unknown): RoutePolicy | undefined =>
  typeof handler === 'function'
    ? (handler as unknown as Record<symbol, RoutePolicy | undefined>)[POLICY]
    : undefined;

export function unauthenticated(res: Response, detail: string, invalidToken = false): void {
  res.setHeader('WWW-Authenticate', invalidToken ? `${REALM}, error="invalid_token"` : REALM);
  sendProblem(res, {
    type: 'urn:o2c:problem:unauthenticated',
    title: 'Unauthorized',
    status: 401,
    detail,
    instance: res.req.originalUrl,
  });
}

/** First handler of a route: the caller must be authenticated (401) and hold `scope` (403). */
export function allow(scope: Scope): PolicyHandler {
  return tagged(
    (req: Request, res: Response, next: NextFunction) => {
      const caller = callerOf(res);
      if (!caller) return unauthenticated(res, 'send an API key: Authorization: Bearer <key>');
      if (!caller.scopes.includes(scope)) {
        res.setHeader('WWW-Authenticate', `${REALM}, error="insufficient_scope", scope="${scope}"`);
        return sendProblem(res, {
          type: 'urn:o2c:problem:forbidden',
          title: 'Forbidden',
          status: 403,
          detail: `client ${caller.client} lacks the scope ${scope}`,
          instance: req.originalUrl,
          requiredScope: scope,
        });
      }
      res.locals.scope = scope;
      next();
    },
    { kind: 'scope', scope },
  );
}

/**
 * Marks a route that needs no API key, saying why: documentation, or a webhook that proves its
 * sender by a signature or a secret token of its own. The route table test requires a policy on
 * every route, so an open route is always a decision.
 */
export function publicRoute(reason: string): PolicyHandler {
  return tagged((_req, _res, next) => next(), { kind: 'public', reason });
}
