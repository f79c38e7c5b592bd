import { Messaging, SpanKind, contextOf, inSpan } from '@o2c/observability';
import type { EventHandler } from './handler';

/**
 * Runs each processing attempt in a consumer span, a child of the span that wrote the event
 * (its `traceparent`), so an order's trace follows it from service to service; what the
 * handler writes to its outbox then continues the same trace.
 */
export function tracedHandler<T>(groupId: string, handler: EventHandler<T>): EventHandler<T> {
  return (event, ctx) =>
    inSpan(
      `process ${event.topic}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextOf(ctx.metadata.traceparent),
        attributes: {
          [Messaging.system]: 'kafka',
          [Messaging.operationType]: 'process',
          [Messaging.destination]: event.topic,
          [Messaging.partition]: String(event.partition),
          [Messaging.consumerGroup]: groupId,
          [Messaging.messageId]: ctx.metadata.eventId,
          [Messaging.kafkaOffset]: Number(event.offset),
          ...(event.key ? { [Messaging.kafkaKey]: event.key } : {}),
          'o2c.event_type': ctx.metadata.eventType,
          'o2c.correlation_id': ctx.metadata.correlationId,
          'o2c.attempt': ctx.attempt,
        },
      },
      () => handler(event, ctx),
    );
}
