export { createLogger } from './create-logger';
export type { Logger } from './create-logger';
export { createMetrics } from './create-metrics';
export type { Metrics } from './create-metrics';
export { startTracing } from './tracing';
export { tracedFetch } from './traced-fetch';
export { traceRequest } from './trace-request';
export type { Tracing } from './tracing';
export {
  activeSpanContext,
  contextOf,
  inSpan,
  linkTo,
  markFailed,
  recordSpan,
  startSpan,
  traceHeaders,
  traceparentOf,
} from './spans';
export type { Span, SpanOptions } from './spans';
export { Messaging, Rpc } from './semconv';
export { SpanKind, SpanStatusCode, context } from '@opentelemetry/api';
