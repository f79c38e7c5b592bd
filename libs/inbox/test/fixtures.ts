import { randomUUID } from 'node:crypto';
import { createDb, runMigrations, type Db, type Migration } from '@o2c/db';
import {
  createAvroSerde,
  createKafka,
  createSchemaRegistry,
  toHeaders,
  type AvroSerde,
  ensureTopics,
} from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { testInfra, waitFor } from '@o2c/testing';
import type avro from 'avsc';
import type { Kafka } from 'kafkajs';
import { inboxMigrations, type EventHandler } from '../src';

export const logger = createLogger({ service: 'inbox-test', level: 'warn' });

export const thingSchema = {
  type: 'record',
  name: 'ThingCounted',
  namespace: 'test.inbox',
  doc: 'test event',
  fields: [
    { name: 'id', type: 'string', doc: 'aggregate id' },
    { name: 'n', type: 'int', doc: 'sequence of the test' },
  ],
} satisfies avro.schema.RecordType;

export interface Thing {
  id: string;
  n: number;
}

export interface TestEvent {
  key: string;
  value: Thing;
  eventId: string;
}

/** n events over `keys` aggregates, each with its own event id. */
export const buildEvents = (count: number, keys = 4, from = 0): TestEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `order-${(from + i) % keys}`,
    value: { id: `order-${(from + i) % keys}`, n: from + i },
    eventId: randomUUID(),
  }));

/** The handler's visible effect: one row per application, deliberately without a unique key. */
export const effectsMigration: Migration = {
  name: 'test_effects',
  up: (db) =>
    db.schema.createTable('effects', (t) => {
      t.increments('id');
      t.uuid('event_id').notNullable();
      t.string('aggregate').notNullable();
      t.integer('n').notNullable();
    }),
};

export const applyEffect: EventHandler<Thing> = async (event, { trx, metadata }) => {
  await trx('effects').insert({
    event_id: metadata.eventId,
    aggregate: event.value.id,
    n: event.value.n,
  });
};

export function testClients(clientId: string) {
  const kafka = createKafka({ clientId, brokers: testInfra.brokers, logger });
  const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
  return { kafka, serde };
}

export async function migratedDb(url: string, extra: Migration[] = []): Promise<Db> {
  const db = createDb(url, { poolMax: 4 });
  await runMigrations(db, [...inboxMigrations, effectsMigration, ...extra]);
  return db;
}

export async function createTopic(kafka: Kafka, topic: string, partitions = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(kafka, [{ topic, numPartitions: partitions }]);
  } finally {
    await admin.disconnect();
  }
}

export type RawRecord = { key: string; value: Buffer; headers: Record<string, string> };

/** Encodes events the way a producing service does: Avro wire format plus envelope headers. */
export async function encodeEvents(serde: AvroSerde, events: TestEvent[]): Promise<RawRecord[]> {
  return Promise.all(
    events.map(async (e) => ({
      key: e.key,
      value: await serde.encode(thingSchema, e.value),
      headers: toHeaders({
        eventId: e.eventId,
        eventType: 'ThingCounted',
        schemaVersion: 1,
        occurredAt: Date.now(),
        correlationId: e.key,
        producer: 'inbox-test',
      }),
    })),
  );
}

export async function produceRaw(kafka: Kafka, topic: string, records: RawRecord[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: records });
  } finally {
    await producer.disconnect();
  }
}

export async function produce(
  kafka: Kafka,
  serde: AvroSerde,
  topic: string,
  events: TestEvent[],
): Promise<void> {
  await produceRaw(kafka, topic, await encodeEvents(serde, events));
}

/** Effect rows per event id, for "exactly once, none missing" assertions. */
export async function effectCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db('effects')
    .select('event_id')
    .count<Array<{ event_id: string; count: string }>>('* as count')
    .groupBy('event_id');
  return new Map(rows.map((r) => [r.event_id, Number(r.count)]));
}

/** Sum over partitions of (high watermark - committed offset) for a group. */
export async function groupLag(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    return ends.reduce((sum, end) => {
      const c = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      return sum + Number(end.high) - Math.max(0, Number(c));
    }, 0);
  } finally {
    await admin.disconnect();
  }
}

/** Waits until the group has committed every message of the topic (its lag is zero). */
export const drained = (
  kafka: Kafka,
  groupId: string,
  topic: string,
  options: Parameters<typeof waitFor>[1] = {},
): Promise<true> =>
  waitFor(async () => ((await groupLag(kafka, groupId, topic)) === 0 ? true : undefined), {
    what: 'every offset committed',
    ...options,
  });

/** Messages ever written to a topic (sum of high watermarks); 0 for a topic never written. */
export async function topicSize(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  key: string | null;
  value: Buffer | null;
  offset: string;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning until `count` messages arrived (read_committed). */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        seen.push({
          key: message.key?.toString() ?? null,
          value: message.value,
          offset: message.offset,
          headers,
        });
        return Promise.resolve();
      },
    });
    await waitFor(() => (seen.length >= count ? true : undefined), {
      what: `${count} messages on ${topic}`,
    });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
