import type { AvroRecordSchema, EventContract, TopicContract } from './contract-types';
import type { EventPayloads, EventType } from './generated/catalogue';
import { eventCatalogue } from './generated/catalogue';
import type { TopicName } from './generated/topics';
import { topicCatalogue } from './generated/topics';

/** Compatibility level of every subject: each version reads data of all earlier ones. */
export const SUBJECT_COMPATIBILITY = 'BACKWARD_TRANSITIVE';

/** A string used as an event type is not in the catalogue. */
export class UnknownEventTypeError extends Error {
  readonly code = 'UNKNOWN_EVENT_TYPE';
  constructor(
    readonly eventType: string,
    options?: ErrorOptions,
  ) {
    super(`unknown event type '${eventType}': not in the schemas/ catalogue`, options);
    this.name = 'UnknownEventTypeError';
  }
}

/** Narrows a string (e.g. an `event-type` header) to a catalogued event type. */
export const isEventType = (value: string): value is EventType =>
  Object.hasOwn(eventCatalogue, value);

/** Topic, subject, latest version, schema and key field of an event type. */
export function contractOf<T extends EventType>(eventType: T): EventContract<T> {
  if (!isEventType(eventType)) throw new UnknownEventTypeError(eventType);
  return eventCatalogue[eventType];
}

/** The one topic an event type is published to. */
export const topicOf = (eventType: EventType): TopicName => contractOf(eventType).topic;

/** The latest Avro schema of an event type, ready for avsc or the registry. */
export const schemaOf = (eventType: EventType): AvroRecordSchema => contractOf(eventType).schema;

/** The record-name subject (`<namespace>.<name>`) of an event type. */
export const subjectOf = (eventType: EventType): string => contractOf(eventType).subject;

/** The Kafka message key of an event: its order id, or SKU on stock streams. */
export function keyOf<T extends EventType>(eventType: T, payload: EventPayloads[T]): string {
  return String(payload[contractOf(eventType).keyField]);
}

/** Owner, key, partitions, event types and consumers of a topic. */
export const topicContractOf = (topic: TopicName): TopicContract => topicCatalogue[topic];

/**
 * What `ensureTopics` (libs/kafka) needs to create a topic as the topic map declares it:
 * `<prefix><topic>`, its partitions and, for a compacted topic, `cleanup.policy=compact`.
 */
export function topicSpecOf(topic: TopicName, prefix = '') {
  const { partitions, cleanupPolicy } = topicCatalogue[topic];
  return {
    topic: prefix + topic,
    numPartitions: partitions,
    ...(cleanupPolicy ? { configEntries: [{ name: 'cleanup.policy', value: cleanupPolicy }] } : {}),
  };
}
