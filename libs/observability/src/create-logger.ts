import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Secrets and personal data never written, at the top level of a line or one object down:
 * credentials, and a ship-to's or contact's name, street, e-mail and phone.
 */
const REDACTED_KEYS = [
  'authorization',
  'apiKey',
  'password',
  'secret',
  'token',
  'shipTo',
  'email',
  'phone',
  'street',
];
const REDACTED_PATHS = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`]);

/**
 * JSON logs with the service name on every line and the active trace/span ids when a span is
 * recording, so a log line can be joined to its trace.
 */
export function createLogger(options: {
  service: string;
  level?: string;
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream;
}): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
