import {
  Messaging,
  SpanKind,
  activeSpanContext,
  contextOf,
  recordSpan,
  traceparentOf,
} from '@o2c/observability';

/**
 * Records the creation of an outbox event as a producer span (a child of the active span, e.g.
 * the request or consumed event that caused it, else of the `traceparent` given) and returns the
 * `traceparent` the event carries to its consumers; without tracing, the one given.
 */
export function traceAppend(
  event: { topic: string; key: string; eventType: string; traceparent?: string },
  eventId: string,
): string | undefined {
  const ctx = recordSpan(`create ${event.topic}`, {
    kind: SpanKind.PRODUCER,
    ...(activeSpanContext() ? {} : { parent: contextOf(event.traceparent) }),
    attributes: {
      [Messaging.system]: 'kafka',
      [Messaging.operationType]: 'create',
      [Messaging.destination]: event.topic,
      [Messaging.messageId]: eventId,
      [Messaging.kafkaKey]: event.key,
      'o2c.event_type': event.eventType,
    },
  });
  return traceparentOf(ctx) ?? event.traceparent;
}
