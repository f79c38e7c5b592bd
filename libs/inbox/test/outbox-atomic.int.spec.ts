import type { Db } from '@o2c/db';
import { createOutbox, outboxMigrations } from '@o2c/outbox';
import { createTestDatabase, uniqueName, type TestDatabase } from '@o2c/testing';
import {
  createConsumerRuntime,
  deadLetterTopic,
  PermanentError,
  type ConsumerRuntime,
} from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  drained,
  effectCounts,
  logger,
  migratedDb,
  produce,
  readTopic,
  testClients,
  thingSchema,
  type Thing,
} from './fixtures';

describe('outbox appends in the handler', () => {
  const { kafka, serde } = testClients('inbox-outbox-test');
  const outbox = createOutbox({ serde, service: 'inbox-test' });
  let database: TestDatabase;
  let db: Db;
  let runtime: ConsumerRuntime | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('inbox_outbox');
    db = await migratedDb(database.url, outboxMigrations);
  });
  afterAll(async () => {
    await runtime?.stop();
    await db.destroy();
    await database.drop();
  });

  it('commit with the inbox row and the state change, or not at all', async () => {
    const topic = uniqueName('inbox-outbox');
    const groupId = uniqueName('g');
    await createTopic(kafka, topic, 1);
    const events = buildEvents(5);
    await produce(kafka, serde, topic, events);
    const [flaky, rejected] = [events[1]!.eventId, events[3]!.eventId];

    runtime = createConsumerRuntime<Thing>({
      kafka,
      db,
      serde,
      groupId,
      topics: [topic],
      logger,
      backoff: { initialMs: 10, maxMs: 20 },
      handler: async (event, ctx) => {
        await applyEffect(event, ctx);
        await outbox.append(ctx.trx, {
          topic: uniqueName('downstream'),
          key: event.value.id,
          eventType: 'ThingCounted',
          schemaVersion: 1,
          schema: thingSchema,
          data: event.value,
          correlationId: ctx.metadata.correlationId,
          causationId: ctx.metadata.eventId,
        });
        if (ctx.metadata.eventId === flaky && ctx.attempt === 1) throw new Error('lock timeout');
        if (ctx.metadata.eventId === rejected) {
          throw new PermanentError('UNSUPPORTED', 'this event can never be applied');
        }
      },
    });
    await runtime.start();
    await readTopic(kafka, deadLetterTopic(topic, groupId), 1);
    await drained(kafka, groupId, topic, {
      what: 'every offset committed',
    });

    const { rows } = await db.raw<{ rows: Array<{ cause: string }> }>(
      `select headers->>'causation-id' as cause from outbox`,
    );
    const causes = rows.map((r) => r.cause);
    const inbox = await db('inbox').where({ consumer_group: groupId }).pluck<string[]>('event_id');
    const effects = await effectCounts(db);
    const applied = events.map((e) => e.eventId).filter((id) => id !== rejected);
    expect(causes.sort()).toEqual([...applied].sort());
    expect(inbox.sort()).toEqual([...applied].sort());
    expect([...effects.keys()].sort()).toEqual([...applied].sort());
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
  });
});
