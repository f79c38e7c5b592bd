import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { parseEnv } from '@o2c/config';
import { z } from 'zod';

/** The OpenTelemetry SDK's own variable names (a subset), so operators configure us as any app. */
const tracingEnv = z.object({
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** zipkin: export to OTEL_EXPORTER_ZIPKIN_ENDPOINT; none: spans exist (ids in logs, propagation) but stay here. */
  OTEL_TRACES_EXPORTER: z.enum(['zipkin', 'none']).default('none'),
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: z.url().default('http://127.0.0.1:9411/api/v2/spans'),
});

export interface Tracing {
  /** Exports what is buffered, then stops and unregisters (spans started later are no-ops). */
  shutdown(): Promise<void>;
}

/**
 * Registers the process's tracer provider, W3C trace-context propagation and an async-local
 * context, so spans started anywhere in the process join the current trace. Call it once, first.
 */
export function startTracing(service: string, env: Record<string, string | undefined>): Tracing {
  const config = parseEnv(tracingEnv, env);
  if (config.OTEL_SDK_DISABLED) return { shutdown: () => Promise.resolve() };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const spanProcessors: SpanProcessor[] =
    config.OTEL_TRACES_EXPORTER === 'zipkin'
      ? [
          new BatchSpanProcessor({
            exporter: new ZipkinExporter({ url: config.OTEL_EXPORTER_ZIPKIN_ENDPOINT }),
          }),
        ]
      : [];
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: config.OTEL_SERVICE_NAME ?? service,
    }),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
