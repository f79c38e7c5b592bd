export { createHttpServer } from './create-http-server';
export type {
  HttpAuthOptions,
  HttpServer,
  HttpServerOptions,
  ReadinessCheck,
} from './create-http-server';
export { HttpProblem, problemHandler } from './problem';
export type { ProblemDocument } from './problem';
export { rawBodyOf } from './raw-body';
export { traceRequests } from './trace-requests';
export { equalsAny } from './equals-any';
export { DEVELOPMENT_API_KEY, developmentApiKeys, hashApiKey, parseApiKeys } from './auth/api-keys';
export type { ApiKeyEntry, Caller } from './auth/api-keys';
export { allow, callerOf, policyOf, publicRoute } from './auth/policy';
export type { RoutePolicy } from './auth/policy';
export { listRoutes } from './auth/route-table';
export type { RouteEntry } from './auth/route-table';
export { SCOPES } from './auth/scopes';
export type { Scope } from './auth/scopes';
export { openApiRoute, withSecurity } from './auth/openapi-security';
