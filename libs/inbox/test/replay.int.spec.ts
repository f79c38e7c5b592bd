import type { Db } from '@o2c/db';
import { createMetrics } from '@o2c/observability';
import { createTestDatabase, uniqueName, type TestDatabase } from '@o2c/testing';
import type { Registry } from 'prom-client';
import { createConsumerRuntime } from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  drained,
  groupLag,
  logger,
  migratedDb,
  produce,
  testClients,
  type Thing,
} from './fixtures';

describe('replaying a topic into a group that already consumed it', () => {
  const { kafka, serde } = testClients('inbox-replay-test');
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('inbox_replay');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const consumeAll = async (topic: string, groupId: string, metrics: Registry) => {
    const runtime = createConsumerRuntime<Thing>({
      kafka,
      db,
      serde,
      groupId,
      topics: [topic],
      logger,
      metrics,
      partitionsConcurrently: 3,
      handler: applyEffect,
    });
    await runtime.start();
    try {
      await drained(kafka, groupId, topic, {
        what: 'every offset committed',
      });
    } finally {
      await runtime.stop();
    }
  };
  const outcome = async (metrics: Registry, name: string) =>
    (await metrics.getSingleMetric('inbox_messages_total')!.get()).values.find(
      (v) => v.labels.outcome === name,
    )?.value ?? 0;
  const snapshot = async () => ({
    effects: await db('effects').orderBy('id').select('*'),
    inbox: await db('inbox').orderBy(['consumer_group', 'event_id']).select('*'),
  });

  it('changes nothing: every event is an inbox duplicate', async () => {
    const topic = uniqueName('inbox-replay');
    const groupId = uniqueName('g');
    await createTopic(kafka, topic, 3);
    await produce(kafka, serde, topic, buildEvents(30));

    const firstRun = createMetrics('inbox-test');
    await consumeAll(topic, groupId, firstRun);
    expect(await outcome(firstRun, 'processed')).toBe(30);
    const before = await snapshot();
    expect(before.effects).toHaveLength(30);

    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();
    expect(await groupLag(kafka, groupId, topic)).toBe(30);

    const replay = createMetrics('inbox-test');
    await consumeAll(topic, groupId, replay);
    expect(await outcome(replay, 'duplicate')).toBe(30);
    expect(await outcome(replay, 'processed')).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
