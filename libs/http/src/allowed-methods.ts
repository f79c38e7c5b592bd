import type { Express } from 'express';
import { match } from 'path-to-regexp';
import { listRoutes } from './auth/route-table';

/**
 * The methods an app serves at `path` (empty when no route matches it): what a 405 lists in
 * Allow when a known path is asked with another method. The route table is read once.
 */
export function allowedMethodsOf(app: Express): (path: string) => string[] {
  let routes: Array<{ method: string; matches: (path: string) => boolean }> | undefined;
  return (path) => {
    routes ??= listRoutes(app).map((r) => {
      const m = match(r.path, { decode: decodeURIComponent });
      return { method: r.method, matches: (p: string) => m(p) !== false };
    });
    const methods = new Set(routes.filter((r) => r.matches(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
