import {
  ROOT_CONTEXT,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type SpanKind,
} from '@opentelemetry/api';

export type { Span };

const tracer = () => trace.getTracer('o2c');

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
  /** The parent, when not the active context (e.g. from a message's `traceparent`). */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `work` in a new active span and ends it; a throw marks the span as an error (with its
 * exception) and is rethrown. Without a registered tracer provider this costs next to nothing.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const { parent = context.active(), ...spanOptions } = options;
  return tracer().startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Starts a span for work that ends elsewhere (an HTTP exchange ending on `finish`); returns it
 * with the context to run the work in. The caller ends it.
 */
export function startSpan(name: string, options: SpanOptions): { span: Span; context: Context } {
  const { parent = context.active(), ...spanOptions } = options;
  const span = tracer().startSpan(name, spanOptions, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Starts and ends a span at once (a moment in the flow, e.g. an event written to the outbox). */
export function recordSpan(name: string, options: SpanOptions): Context {
  const { parent = context.active(), ...spanOptions } = options;
  const span = tracer().startSpan(name, spanOptions, parent);
  span.end();
  return trace.setSpan(parent, span);
}

export function markFailed(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

/** The active span's ids, when a valid (recording or propagated) span is active. */
export function activeSpanContext(): SpanContext | undefined {
  const ids = trace.getActiveSpan()?.spanContext();
  return ids && trace.isSpanContextValid(ids) ? ids : undefined;
}

/** The context a W3C `traceparent` (from a message or a request) names; the root when absent. */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** A link to the span a `traceparent` names (a batch's span links to each message's). */
export function linkTo(traceparent: string | undefined): Link | undefined {
  const ids = trace.getSpanContext(contextOf(traceparent));
  return ids && trace.isSpanContextValid(ids) ? { context: ids } : undefined;
}

/** The `traceparent` of a context (default: the active one); undefined when it holds no span. */
export function traceparentOf(ctx: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent;
}

/** The trace-context headers to send with an outgoing request (none without a span). */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}
