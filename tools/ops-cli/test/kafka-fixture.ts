import { randomUUID } from 'node:crypto';
import { createKafka, Headers, ensureTopics } from '@o2c/kafka';
import { testInfra, uniqueName } from '@o2c/testing';
import type { Admin, IHeaders, Kafka, Message, Producer } from 'kafkajs';
import pino from 'pino';

export interface KafkaFixture {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  createTopic(prefix: string, partitions?: number): Promise<string>;
  close(): Promise<void>;
}

/** A Kafka client, admin and producer for one test file; topics it creates are deleted on close. */
export async function createKafkaFixture(): Promise<KafkaFixture> {
  const kafka = createKafka({
    clientId: 'ops-cli-test',
    brokers: testInfra.brokers,
    logger: pino({ level: 'error' }),
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    // A retried request must not write its messages twice: tests count them.
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await Promise.all([admin.connect(), producer.connect()]);
  const topics: string[] = [];
  return {
    kafka,
    admin,
    producer,
    async createTopic(prefix, partitions = 2) {
      const topic = uniqueName(prefix);
      await ensureTopics(kafka, [{ topic, numPartitions: partitions }]);
      topics.push(topic);
      return topic;
    },
    async close() {
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    },
  };
}

export interface EventSpec {
  key?: string;
  type?: string;
  partition?: number;
  timestamp?: number;
  headers?: IHeaders;
  value?: Buffer;
}

/** A message with the envelope headers a platform producer puts on every event. */
export function buildEvent(spec: EventSpec = {}): Message {
  const eventId = randomUUID();
  return {
    key: spec.key ?? `order-${eventId.slice(0, 6)}`,
    value: spec.value ?? Buffer.from(JSON.stringify({ eventId })),
    ...(spec.partition !== undefined ? { partition: spec.partition } : {}),
    ...(spec.timestamp !== undefined ? { timestamp: String(spec.timestamp) } : {}),
    headers: {
      [Headers.eventId]: eventId,
      [Headers.eventType]: spec.type ?? 'OrderAccepted',
      [Headers.producer]: 'ops-cli-test',
      ...spec.headers,
    },
  };
}
