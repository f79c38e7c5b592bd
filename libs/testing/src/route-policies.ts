import { DEVELOPMENT_API_KEY, hashApiKey, SCOPES, type RouteEntry } from '@o2c/http';

/** The header a test sends to a service running in development (every scope). */
export const asDeveloper = { authorization: `Bearer ${DEVELOPMENT_API_KEY}` };

const slug = (scope: string) => scope.replace(':', '.');
const onlyKey = (scope: string) => `key-with-only-${slug(scope)}`;
const allButKey = (scope: string) => `key-with-all-but-${slug(scope)}`;

/**
 * API_KEYS for `checkRoutePolicies`: for each scope, one client holding only it and one holding
 * every other scope.
 */
export const routePolicyKeys = (): string =>
  SCOPES.flatMap((scope) => [
    `only-${slug(scope)}:${hashApiKey(onlyKey(scope))}:${scope}`,
    `but-${slug(scope)}:${hashApiKey(allButKey(scope))}:${SCOPES.filter((s) => s !== scope).join(',')}`,
  ]).join(';');

/** A path of the route with each `:param` filled in. */
const concrete = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => `any-${name}`);

/**
 * Calls every route of a service started with `routePolicyKeys()` and returns what is wrong:
 * a route without a policy; a scoped route that answers without a key or with an unknown one
 * (expects 401), to a client holding every scope but its own (expects 403), or refuses a client
 * holding just its scope; a route the service's /openapi.json (if it has one) leaves out. An empty
 * list means every route is documented and guarded as it declares.
 */
export async function checkRoutePolicies(url: string, routes: RouteEntry[]): Promise<string[]> {
  const wrong = await undocumented(url, routes);
  for (const { method, path, policy } of routes) {
    const what = `${method} ${path}`;
    if (!policy) {
      wrong.push(`${what} has no policy: add allow(scope) or publicRoute(reason)`);
      continue;
    }
    if (policy.kind === 'public') continue;
    const status = async (key?: string) => {
      const res = await fetch(url + concrete(path), {
        method,
        headers: {
          'content-type': 'application/json',
          ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const check = (got: number, ok: (s: number) => boolean, who: string, wanted: string) => {
      if (!ok(got)) wrong.push(`${what} ${who}: ${got}, expected ${wanted}`);
    };
    check(await status(), (s) => s === 401, 'without a key', '401');
    check(await status('not-a-key'), (s) => s === 401, 'with an unknown key', '401');
    check(
      await status(allButKey(policy.scope)),
      (s) => s === 403,
      `without ${policy.scope}`,
      '403',
    );
    check(
      await status(onlyKey(policy.scope)),
      (s) => s !== 401 && s !== 403,
      `with just ${policy.scope}`,
      'its normal answer',
    );
  }
  return wrong;
}

async function undocumented(url: string, routes: RouteEntry[]): Promise<string[]> {
  const res = await fetch(`${url}/openapi.json`);
  if (res.status === 404) return [];
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  return routes
    .filter(
      ({ method, path }) => !doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()],
    )
    .map(({ method, path }) => `${method} ${path} is missing from /openapi.json`);
}
