import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { isDependencyUnavailable } from './unavailable';

/** RFC 9457 problem document; `type` is a stable URN our docs list. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Throw from a route to answer with application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export function sendProblem(res: Response, problem: ProblemDocument): void {
  res.status(problem.status).type('application/problem+json').json(problem);
}

/**
 * The request's URL as logs and problem bodies show it. A route parameter named `token` is a
 * secret (e.g. the Odoo webhook's): such a URL shows the route, `:token` in place of the value.
 */
export function publicUrl(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' && route.includes(':token')
    ? `${req.baseUrl}${route}`
    : req.originalUrl;
}

/**
 * The one place that turns errors into responses. `map` lets a service translate its own
 * domain errors; anything unmapped is a 500 whose details stay in the log, not the response.
 */
export function problemHandler(
  logger: Logger,
  map: (error: unknown) => HttpProblem | undefined = () => undefined,
): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = error instanceof HttpProblem ? error : (map(error) ?? fromExpress(error));
    if (!known && isDependencyUnavailable(error)) {
      logger.warn({ err: error, path: publicUrl(req) }, 'a dependency is unavailable');
      res.setHeader('Retry-After', '1');
      sendProblem(res, {
        type: 'urn:o2c:problem:unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail:
          'a dependency of this service is unavailable; retry the request (same Idempotency-Key)',
        instance: publicUrl(req),
      });
      return;
    }
    if (!known) {
      logger.error({ err: error, path: publicUrl(req) }, 'unhandled error in request');
      // The request's span records it (see traceRequests).
      res.locals.error = error;
      sendProblem(res, {
        type: 'urn:o2c:problem:internal',
        title: 'Internal Server Error',
        status: 500,
        instance: publicUrl(req),
      });
      return;
    }
    sendProblem(res, {
      type: known.type,
      title: known.title,
      status: known.status,
      ...(known.detail ? { detail: known.detail } : {}),
      instance: publicUrl(req),
      ...known.extensions,
    });
  };
}

/**
 * body-parser errors carry a status and a type; answer them precisely instead of with a 500. Only
 * those: other errors with a `status` (a registry client's, say) are not the request's fault.
 */
function fromExpress(error: unknown): HttpProblem | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status, type, message } = error as { status: number; type?: unknown; message?: string };
  if (typeof type !== 'string') return undefined;
  if (type === 'entity.parse.failed')
    return new HttpProblem(400, 'urn:o2c:problem:malformed-json', 'Malformed JSON body', message);
  if (type === 'entity.too.large')
    return new HttpProblem(413, 'urn:o2c:problem:payload-too-large', 'Payload too large', message);
  if (status >= 400 && status < 500)
    return new HttpProblem(status, 'urn:o2c:problem:bad-request', 'Bad request', message);
  return undefined;
}
