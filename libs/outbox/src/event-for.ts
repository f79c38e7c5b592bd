import { contractOf, keyOf, type EventPayloads, type EventType } from '@o2c/contracts';
import type { OutboxEvent } from './create-outbox';

/**
 * An outbox event for a catalogued event type: topic, key, schema and version come from its
 * contract (`schemas/`), so services only name the type and give the payload.
 */
export function eventFor<T extends EventType>(
  eventType: T,
  data: EventPayloads[T],
  meta: {
    correlationId: string;
    /** Prepended to the contract's topic (isolated environments, tests). */
    topicPrefix?: string;
    causationId?: string;
    traceparent?: string;
    occurredAt?: number;
  },
): OutboxEvent {
  const contract = contractOf(eventType);
  const { topicPrefix = '', ...rest } = meta;
  return {
    topic: topicPrefix + contract.topic,
    key: keyOf(eventType, data),
    eventType,
    schemaVersion: contract.version,
    schema: contract.schema,
    data,
    ...rest,
  };
}
