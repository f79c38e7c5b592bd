import type { RequestHandler } from 'express';
import { publicRoute } from './policy';
import { listRoutes, type RouteEntry } from './route-table';

type Doc = { paths?: Record<string, Record<string, Record<string, unknown>>> } & Record<
  string,
  unknown
>;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { type: 'object' } } },
});

const SCHEME = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key (Authorization: Bearer <key>); the service knows only its SHA-256 (API_KEYS). Each operation names the one scope it needs.',
  },
};

const plain = (summary: string, extra: object = {}) => ({
  get: { summary, responses: { 200: { description: 'OK' }, ...extra } },
});

/** The routes every service's host serves, documented once here. */
const HOST_PATHS = {
  '/livez': plain('Liveness: the process is up'),
  '/readyz': plain('Readiness: Postgres, Kafka and start-up checks', {
    503: { description: 'Not ready, or draining on shutdown' },
  }),
  '/metrics': plain('Prometheus metrics (needs metrics:read when METRICS_REQUIRE_AUTH=true)'),
  '/openapi.json': plain('This document'),
  '/asyncapi.json': plain(
    "The platform's AsyncAPI 3.0 topic catalogue (topics, events, schemas, headers)",
  ),
};

/**
 * The service's OpenAPI document, with the host's routes, and its security taken from the routes themselves: the
 * bearer scheme, and on each operation the scope its `allow` demands (no security for public
 * routes) with the 401/403/429 answers. The document never disagrees with what is enforced.
 */
export function withSecurity(doc: Doc, routes: readonly RouteEntry[]): Doc {
  const paths: NonNullable<Doc['paths']> = structuredClone({ ...HOST_PATHS, ...doc.paths });
  for (const { method, path, policy } of routes) {
    const operation = paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    if (!operation || !policy) continue;
    if (policy.kind === 'public') {
      operation.security = [];
      continue;
    }
    operation.security = [{ apiKey: [policy.scope] }];
    operation.responses = {
      ...(operation.responses as object),
      401: problem('No API key, or an unknown one'),
      403: problem(`The key lacks the scope ${policy.scope}`),
      429: problem('Over the rate limit for this client; see Retry-After'),
    };
  }
  const components = (doc.components ?? {}) as Record<string, unknown>;
  return { ...doc, paths, components: { ...components, securitySchemes: SCHEME } };
}

/** GET /openapi.json for `doc`, public, secured from the app's route table on first request. */
export function openApiRoute(doc: Doc): RequestHandler[] {
  let served: Doc | undefined;
  return [
    publicRoute('API description'),
    (req, res) => {
      served ??= withSecurity(doc, listRoutes(req.app));
      res.json(served);
    },
  ];
}
