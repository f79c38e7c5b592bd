import type { schema } from 'avsc';
import type { EventPayloads, EventType } from './generated/catalogue';
import type { TopicName } from './generated/topics';

/** An Avro record schema as JSON (what avsc's `Type.forSchema` and the registry take). */
export type AvroRecordSchema = schema.RecordType;

/** Where an event type travels and how it is encoded. */
export interface EventContract<T extends EventType = EventType> {
  readonly eventType: T;
  readonly topic: TopicName;
  /** Record-name subject in the registry: `<namespace>.<name>`. */
  readonly subject: string;
  /** Latest schema version; producers write it, consumers read any earlier one through it. */
  readonly version: number;
  readonly schema: AvroRecordSchema;
  /** Every version's schema, oldest first: `schemas[n - 1]` is version n, the last is `schema`. */
  readonly schemas: readonly AvroRecordSchema[];
  /** The payload field whose value is the Kafka message key (order id, or SKU for stock). */
  readonly keyField: keyof EventPayloads[T] & string;
}

/** One topic of the topic map. */
export interface TopicContract {
  /** The only service that publishes to it (`channels` = upstream systems). */
  readonly owner: string;
  /** Payload field used as the message key by every event type on the topic. */
  readonly key: string;
  readonly partitions: number;
  /** `compact` keeps only the latest message per key (a state topic); Kafka's `delete` otherwise. */
  readonly cleanupPolicy?: 'delete' | 'compact';
  readonly eventTypes: readonly EventType[];
  /** Services reading it, or `external:<name>` for downstream consumers. */
  readonly consumers: readonly string[];
  readonly description: string;
}
