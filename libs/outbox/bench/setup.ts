import { randomUUID } from 'node:crypto';
import { createDb, databaseUrlFor, ensureDatabase, runMigrations, type Db } from '@o2c/db';
import { createAvroSerde, createKafka, createSchemaRegistry, type AvroSerde } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import type avro from 'avsc';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import { outboxMigrations, type OutboxEvent } from '../src';

export interface BenchInfra {
  brokers: string[];
  registryUrl: string;
  postgresAdminUrl: string;
}

export interface BenchEnv {
  db: Db;
  databaseUrl: string;
  brokers: string[];
  kafka: Kafka;
  serde: AvroSerde;
  schema: avro.schema.RecordType;
  logger: ReturnType<typeof createLogger>;
  newTopic(prefix: string, partitions: number): Promise<string>;
  event(topic: string, key: string): OutboxEvent;
  close(): Promise<void>;
}

const suffix = () => randomUUID().replaceAll('-', '').slice(0, 10);

/** A throw-away database, registry subject and topics, dropped by `close()`. */
export async function createBenchEnv(infra: BenchInfra): Promise<BenchEnv> {
  const logger = createLogger({ service: 'outbox-bench', level: 'warn' });
  const database = `bench_outbox_${suffix()}`;
  await ensureDatabase(infra.postgresAdminUrl, database);
  const databaseUrl = databaseUrlFor(infra.postgresAdminUrl, database);
  const db = createDb(databaseUrl, { poolMax: 20 });
  await runMigrations(db, outboxMigrations);
  const kafka = createKafka({ clientId: 'outbox-bench', brokers: infra.brokers, logger });
  const admin = kafka.admin();
  await admin.connect();
  const topics: string[] = [];
  const schema: avro.schema.RecordType = {
    type: 'record',
    name: 'BenchEventHappened',
    namespace: `bench.outbox${suffix()}`,
    fields: [
      { name: 'id', type: 'string' },
      { name: 'orderId', type: 'string' },
      { name: 'lines', type: { type: 'array', items: 'string' } },
    ],
  };
  // ~1 KB of Avro: 18 lines of ~52 characters plus two ids.
  const lines = Array.from({ length: 18 }, (_, i) => `line-${i}:SKU-${'x'.repeat(36)}:qty=1:`);
  return {
    db,
    databaseUrl,
    brokers: infra.brokers,
    kafka,
    serde: createAvroSerde(createSchemaRegistry(infra.registryUrl)),
    schema,
    logger,
    async newTopic(prefix, partitions) {
      const topic = `bench-${prefix}-${suffix()}`;
      await admin.createTopics({
        topics: [{ topic, numPartitions: partitions }],
        waitForLeaders: true,
      });
      topics.push(topic);
      return topic;
    },
    event: (topic, key) => ({
      topic,
      key,
      eventType: 'BenchEventHappened',
      schemaVersion: 1,
      schema,
      data: { id: randomUUID(), orderId: key, lines },
      correlationId: key,
    }),
    async close() {
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
      await db.destroy();
      const client = new pg.Client({ connectionString: infra.postgresAdminUrl });
      await client.connect();
      await client.query(`drop database if exists "${database}" with (force)`);
      await client.end();
    },
  };
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
