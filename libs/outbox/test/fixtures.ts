import { randomUUID } from 'node:crypto';
import { createDb, runMigrations, type Db } from '@o2c/db';
import { createAvroSerde, createKafka, createSchemaRegistry, ensureTopics } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { createTestDatabase, testInfra, uniqueName, type TestDatabase } from '@o2c/testing';
import type avro from 'avsc';
import type { Kafka } from 'kafkajs';
import { outboxMigrations, PUBLISHED, UNPUBLISHED, type OutboxEvent } from '../src';

export const logger = createLogger({ service: 'outbox-test', level: 'warn' });

/** A record schema with a unique namespace, so each test owns its registry subject. */
export const buildSchema = (): avro.schema.RecordType => ({
  type: 'record',
  name: 'ThingHappened',
  namespace: `test.outbox${randomUUID().replaceAll('-', '').slice(0, 12)}`,
  doc: 'test event',
  fields: [
    { name: 'id', type: 'string', doc: 'id' },
    { name: 'n', type: 'long', doc: 'a number' },
    { name: 'note', type: 'string', doc: 'padding' },
  ],
});

export const buildEvent = (
  schema: avro.Schema,
  topic: string,
  overrides: Partial<OutboxEvent> = {},
): OutboxEvent => ({
  topic,
  key: 'order-1',
  eventType: 'ThingHappened',
  schemaVersion: 1,
  schema,
  data: { id: randomUUID(), n: 1, note: '' },
  correlationId: 'order-1',
  ...overrides,
});

export interface OutboxTestEnv {
  database: TestDatabase;
  db: Db;
  kafka: Kafka;
  serde: ReturnType<typeof createAvroSerde>;
  service: string;
  topic: string;
  close(): Promise<void>;
}

/**
 * Its own database (migrated, up to and including `upTo` if given), topic and service name (so its
 * own transactional id and group).
 */
export async function createOutboxTestEnv(
  partitions = 3,
  { upTo }: { upTo?: string } = {},
): Promise<OutboxTestEnv> {
  const database = await createTestDatabase('outbox');
  const db = createDb(database.url, { poolMax: 16 });
  const last = upTo ? outboxMigrations.findIndex((m) => m.name === upTo) : -1;
  await runMigrations(db, last >= 0 ? outboxMigrations.slice(0, last + 1) : outboxMigrations);
  const kafka = createKafka({ clientId: 'outbox-test', brokers: testInfra.brokers, logger });
  const topic = uniqueName('outbox-events');
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(kafka, [{ topic, numPartitions: partitions }]);
  await admin.disconnect();
  return {
    database,
    db,
    kafka,
    serde: createAvroSerde(createSchemaRegistry(testInfra.registryUrl)),
    service: uniqueName('svc'),
    topic,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}

/** Outbox rows the relay's saved cursor has (`published`) or has not passed yet. */
export async function countRows(db: Db, which: 'published' | 'unpublished'): Promise<number> {
  const [row] = await db('outbox')
    .whereRaw(which === 'published' ? PUBLISHED : UNPUBLISHED)
    .count<Array<{ n: string }>>('* as n');
  return Number(row?.n);
}
