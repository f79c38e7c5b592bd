import { randomUUID } from 'node:crypto';
import type avro from 'avsc';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { AvroSerde } from './avro-serde';
import { COMPRESSION } from './create-kafka';
import type { EventMetadata } from './envelope';
import { toHeaders, type EventHeaderSet } from './event-headers';

/** One event to publish directly (tools, tests, channel simulators; services use the outbox). */
export interface PublishableEvent<T = unknown> {
  topic: string;
  /** The aggregate id (order id, SKU): one key's events stay in one partition, in order. */
  key: string;
  eventType: string;
  schemaVersion: number;
  schema: avro.Schema;
  data: T;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
}

/** Our producer port, so kafkajs can be swapped without touching callers. */
export interface EventProducer {
  connect(): Promise<void>;
  /** Encodes, wraps in the envelope and waits for all in-sync replicas; returns the metadata sent. */
  publish(event: PublishableEvent): Promise<EventMetadata>;
  disconnect(): Promise<void>;
}

export interface EventProducerOptions {
  kafka: Kafka;
  serde: AvroSerde;
  /** Written in the `producer` header. */
  service: string;
  logger: Logger;
  /** Which envelope headers to write (default both). */
  headers?: EventHeaderSet;
}

/** Idempotent, acks=-1 producer of enveloped Avro events. */
export function createEventProducer({
  kafka,
  serde,
  service,
  logger,
  headers = 'both',
}: EventProducerOptions): EventProducer {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const log = logger.child({ component: 'event-producer' });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async publish(event) {
      const value = await serde.encode(event.schema, event.data);
      const meta: EventMetadata = {
        eventId: randomUUID(),
        eventType: event.eventType,
        schemaVersion: event.schemaVersion,
        occurredAt: Date.now(),
        correlationId: event.correlationId,
        producer: service,
        ...(event.causationId ? { causationId: event.causationId } : {}),
        ...(event.traceparent ? { traceparent: event.traceparent } : {}),
      };
      await producer.send({
        topic: event.topic,
        acks: -1,
        compression: COMPRESSION,
        messages: [
          { key: event.key, value, headers: toHeaders(meta, { set: headers, subject: event.key }) },
        ],
      });
      log.debug({ topic: event.topic, eventId: meta.eventId }, 'event published');
      return meta;
    },
  };
}
