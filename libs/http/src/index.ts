export { createHttpServer } from './create-http-server';
export type { HttpServer, HttpServerOptions, ReadinessCheck } from './create-http-server';
export { HttpProblem, problemHandler } from './problem';
export type { ProblemDocument } from './problem';
export { rawBodyOf } from './raw-body';
export { equalsAny } from './equals-any';
