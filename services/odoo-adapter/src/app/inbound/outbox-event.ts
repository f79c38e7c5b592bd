import { contractOf, keyOf, type EventPayloads, type EventType } from '@o2c/contracts';
import type { OutboxEvent } from '@o2c/outbox';

/** An outbox event for a catalogued type: topic, key, schema and version come from the contract. */
export function outboxEvent<T extends EventType>(
  eventType: T,
  data: EventPayloads[T],
  correlationId: string,
): OutboxEvent {
  const contract = contractOf(eventType);
  return {
    topic: contract.topic,
    key: keyOf(eventType, data),
    eventType,
    schemaVersion: contract.version,
    schema: contract.schema,
    data,
    correlationId,
  };
}
