import type { Request } from 'express';

/**
 * The route template a request matched (`/orders/:orderId`), for span names and metric labels;
 * `unmatched` when none did (a 404), so a scan of random paths cannot grow the label set.
 */
export function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

const PROBES = new Set(['/livez', '/readyz', '/metrics']);

/** Health probes and scrapes: not traced, measured or logged (they would drown the rest). */
export const isProbe = (req: Request): boolean => PROBES.has(req.path);
