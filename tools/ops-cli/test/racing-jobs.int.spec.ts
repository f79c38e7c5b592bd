import { randomUUID } from 'node:crypto';
import { createDb, runMigrations, type Db } from '@o2c/db';
import { outboxMigrations } from '@o2c/outbox';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@o2c/testing';
import type { Kafka } from 'kafkajs';
import { planOutboxReplay } from '../src/outbox/plan-outbox';
import { runOutboxReplay } from '../src/outbox/run-outbox';
import { planReplay } from '../src/replay/plan-replay';
import { runJob } from '../src/replay/run-job';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { duplicatesAndGaps, readTopic } from './read-topic';

const progress = { increment() {}, stop() {} };

/**
 * The real client, except that a transactional producer's connect() waits for `open()`: it parks
 * one run of a job at the instant the other run overtakes it.
 */
function gatedKafka(kafka: Kafka) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let waiting = false;
  const gated = Object.create(kafka) as Kafka;
  gated.producer = (config) => {
    const producer = kafka.producer(config);
    const connect = producer.connect.bind(producer);
    producer.connect = async () => {
      waiting = true;
      await gate;
      return connect();
    };
    return producer;
  };
  return { kafka: gated, open, isWaiting: () => waiting };
}

describe('two runs of one ops-cli job racing on its checkpoint', () => {
  let fx: KafkaFixture;
  beforeAll(async () => {
    fx = await createKafkaFixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  describe('when a replay run is overtaken between start and its first transaction', () => {
    it('publishes every message once: the late run resumes from the winner’s checkpoint', async () => {
      const source = await fx.createTopic('race-src', 2);
      const target = await fx.createTopic('race-dst', 2);
      const events = Array.from({ length: 60 }, () => buildEvent());
      await fx.producer.send({ topic: source, messages: events });
      const plan = await planReplay(fx.admin, {
        topic: source,
        from: Date.now() - 600_000,
        to: Date.now() + 1000,
        target,
        keys: [],
        types: [],
        headers: [],
        allowReplayed: false,
        id: uniqueName('race'),
        horizon: { at: Date.now() - 3_600_000, source: 'test' },
        force: false,
      });
      const late = gatedKafka(fx.kafka);

      const lateRun = runJob(late.kafka, plan, { progress });
      await waitFor(() => (late.isWaiting() ? true : undefined), { what: 'the late run to start' });
      const winner = await runJob(fx.kafka, plan, { progress });
      late.open();
      const loser = await lateRun;

      expect(winner.published).toBe(events.length);
      expect(loser).toMatchObject({ resumed: true, published: events.length });
      const seen = await readTopic(fx.kafka, target);
      const expected = events.map((e) => e.headers!['event-id'] as string);
      expect(duplicatesAndGaps(expected, seen)).toEqual({ duplicates: 0, gaps: 0 });
    }, 60_000);
  });

  describe('when an outbox replay run is overtaken the same way', () => {
    let database: TestDatabase;
    let db: Db;
    beforeAll(async () => {
      database = await createTestDatabase('ops_race_outbox');
      db = createDb(database.url);
      await runMigrations(db, outboxMigrations);
    });
    afterAll(async () => {
      await db.destroy();
      await database.drop();
    });

    it('publishes every row once', async () => {
      const target = await fx.createTopic('race-outbox', 2);
      const ids = Array.from({ length: 40 }, () => randomUUID());
      await db('outbox').insert(
        ids.map((eventId, i) => ({
          event_id: eventId,
          topic: target,
          key: `order-${i % 4}`,
          event_type: 'OrderAccepted',
          schema_version: 1,
          payload: Buffer.from([0, 0, 0, 0, 7, i]),
          headers: JSON.stringify({ 'event-id': eventId }),
          aggregate_sequence: i + 1,
          xid: '1',
          created_at: new Date(Date.now() - 60_000),
        })),
      );
      const plan = await planOutboxReplay(db, {
        service: 'svc',
        databaseUrl: database.url,
        from: Date.now() - 600_000,
        to: Date.now(),
        horizon: { at: Date.now() - 3_600_000, source: 'test' },
        force: false,
        id: uniqueName('race-outbox'),
      });
      const late = gatedKafka(fx.kafka);

      const lateRun = runOutboxReplay(late.kafka, db, plan, { progress });
      await waitFor(() => (late.isWaiting() ? true : undefined), { what: 'the late run to start' });
      const winner = await runOutboxReplay(fx.kafka, db, plan, { progress });
      late.open();
      const loser = await lateRun;

      expect(winner.published).toBe(ids.length);
      expect(loser).toMatchObject({ resumed: true, published: ids.length });
      const seen = await readTopic(fx.kafka, target);
      expect(duplicatesAndGaps(ids, seen)).toEqual({ duplicates: 0, gaps: 0 });
    }, 60_000);
  });
});
