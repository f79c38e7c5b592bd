import { createMetrics } from '@o2c/observability';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@o2c/testing';
import type { Db } from '@o2c/db';
import {
  createConsumerRuntime,
  DependencyUnavailableError,
  readInboxRetention,
  type ConsumerRuntime,
} from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  drained,
  effectCounts,
  groupLag,
  logger,
  migratedDb,
  produce,
  testClients,
  type Thing,
} from './fixtures';

describe('createConsumerRuntime', () => {
  const { kafka, serde } = testClients('inbox-runtime-test');
  let database: TestDatabase;
  let db: Db;
  const runtimes: ConsumerRuntime[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_rt');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.stop()));
    await db.destroy();
    await database.drop();
  });

  describe('when events and a redelivered duplicate arrive', () => {
    it('applies each event once, records the inbox, commits offsets after the DB and counts outcomes', async () => {
      const topic = uniqueName('inbox-happy');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 3);
      const events = buildEvents(30);
      // The same event published twice (a producer retry, a relay replay): applied once.
      await produce(kafka, serde, topic, [...events, events[7]!]);

      const metrics = createMetrics('inbox-test');
      const attempts: number[] = [];
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        metrics,
        partitionsConcurrently: 3,
        inboxRetentionMs: 3_600_000,
        handler: async (event, ctx) => {
          attempts.push(ctx.attempt);
          await applyEffect(event, ctx);
        },
      });
      runtimes.push(runtime);
      await runtime.start();

      await drained(kafka, groupId, topic, {
        what: 'the group to commit every offset',
      });
      const counts = await effectCounts(db);
      expect(counts.size).toBe(30);
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      expect(events.every((e) => counts.get(e.eventId) === 1)).toBe(true);
      expect(attempts.every((a) => a === 1)).toBe(true);

      const inbox = await db('inbox')
        .where({ consumer_group: groupId })
        .count<[{ count: string }]>('* as count');
      expect(inbox).toEqual([{ count: '30' }]);
      expect(
        await db('inbox_attempts')
          .where({ consumer_group: groupId })
          .count<[{ count: string }]>('* as count'),
      ).toEqual([{ count: '0' }]);
      expect(await readInboxRetention(db, groupId)).toEqual({
        retentionMs: 3_600_000,
        purgedBefore: null,
      });

      const text = await metrics.metrics();
      expect(text).toContain(
        `inbox_messages_total{group="${groupId}",topic="${topic}",outcome="processed",service="inbox-test"} 30`,
      );
      expect(text).toContain(
        `inbox_messages_total{group="${groupId}",topic="${topic}",outcome="duplicate",service="inbox-test"} 1`,
      );
      expect(text).toMatch(/inbox_handler_duration_seconds_count\{[^}]*\} \d+/);
      const lag = (await metrics.getSingleMetric('inbox_consumer_lag')!.get()).values;
      expect(lag.length).toBeGreaterThan(0);
      expect(lag.map((v) => v.value)).toEqual(lag.map(() => 0));
    });
  });

  describe('when the handler fails after writing', () => {
    it('rolls the writes back with the inbox row and applies the event once on a later attempt', async () => {
      const topic = uniqueName('inbox-retry');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const events = buildEvents(5);
      await produce(kafka, serde, topic, events);
      const flaky = events[2]!.eventId;
      const seenAttempts: number[] = [];
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        backoff: { initialMs: 10, maxMs: 50 },
        handler: async (event, ctx) => {
          await applyEffect(event, ctx);
          if (ctx.metadata.eventId !== flaky) return;
          seenAttempts.push(ctx.attempt);
          if (ctx.attempt < 3) throw new Error('database of a partner is restarting');
        },
      });
      runtimes.push(runtime);
      await runtime.start();

      await drained(kafka, groupId, topic, {
        what: 'all offsets committed',
      });
      const counts = await effectCounts(db);
      expect(events.map((e) => counts.get(e.eventId))).toEqual([1, 1, 1, 1, 1]);
      expect(seenAttempts).toEqual([1, 2, 3]);
      // Partition order survived the retries: effects were written in offset order.
      const order = await db('effects')
        .whereIn(
          'event_id',
          events.map((e) => e.eventId),
        )
        .orderBy('id')
        .pluck('n');
      expect(order).toEqual(events.map((e) => e.value.n));
    });
  });

  describe('when a message waits for another partition to be handled first', () => {
    it('retries it without holding up the other partitions of the consumer', async () => {
      // kafkajs fetches again only when every batch of the last fetch is done: a retry waiting
      // in place would block the partition carrying what it waits for, until dead-lettered.
      const [first, second] = [uniqueName('inbox-wait-a'), uniqueName('inbox-wait-b')];
      const groupId = uniqueName('g');
      await createTopic(kafka, first, 1);
      await createTopic(kafka, second, 1);
      const [waiting] = buildEvents(1);
      const [awaited] = buildEvents(1, 1, 1);
      await produce(kafka, serde, first, [waiting!]);
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [first, second],
        logger,
        maxAttempts: 20,
        backoff: { initialMs: 100, maxMs: 300 },
        handler: async (event, ctx) => {
          if (ctx.metadata.eventId === waiting!.eventId) {
            const ready: unknown = await ctx
              .trx('effects')
              .where({ event_id: awaited!.eventId })
              .first();
            if (!ready) throw new Error('the awaited event has not been handled yet');
          }
          await applyEffect(event, ctx);
        },
      });
      runtimes.push(runtime);
      await runtime.start();
      // Published once the waiting message has failed and is retrying.
      await waitFor(
        async () => {
          const row = (await db('inbox_attempts')
            .where({ consumer_group: groupId, topic: first })
            .first()) as { attempts: number } | undefined;
          return (row?.attempts ?? 0) >= 1 ? true : undefined;
        },
        { what: 'the waiting message retrying', timeoutMs: 20_000 },
      );
      await produce(kafka, serde, second, [awaited!]);

      await waitFor(
        async () => ((await groupLag(kafka, groupId, first)) === 0 ? true : undefined),
        { what: 'the waiting message handled', timeoutMs: 20_000 },
      );
      const counts = await effectCounts(db);
      expect([counts.get(waiting!.eventId), counts.get(awaited!.eventId)]).toEqual([1, 1]);
    });
  });

  describe('when a dependency is unavailable for longer than maxAttempts allows', () => {
    it('waits without counting attempts and applies the event once it is back', async () => {
      const topic = uniqueName('inbox-outage');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const events = buildEvents(2);
      await produce(kafka, serde, topic, events);
      let outageCalls = 0;
      const attempts: number[] = [];
      const metrics = createMetrics('inbox-test');
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        metrics,
        maxAttempts: 2,
        backoff: { initialMs: 5, maxMs: 20 },
        handler: async (event, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.metadata.eventId === events[0]!.eventId && ++outageCalls <= 6) {
            throw new DependencyUnavailableError('odoo', 'circuit open');
          }
          await applyEffect(event, ctx);
        },
      });
      runtimes.push(runtime);
      await runtime.start();

      await drained(kafka, groupId, topic, {
        what: 'all offsets committed',
      });
      const counts = await effectCounts(db);
      expect(events.map((e) => counts.get(e.eventId))).toEqual([1, 1]);
      expect(outageCalls).toBe(7);
      expect(attempts.every((a) => a === 1)).toBe(true);
      const text = await metrics.metrics();
      expect(text).toContain(
        `inbox_messages_total{group="${groupId}",topic="${topic}",outcome="unavailable",service="inbox-test"} 6`,
      );
      expect(text).not.toContain('outcome="retried"');
    });

    it('keeps why a head waits on an outage as its last error, gone once it is handled', async () => {
      const topic = uniqueName('inbox-held');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const events = buildEvents(1);
      await produce(kafka, serde, topic, events);
      let down = true;
      let runs = 0;
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        maxAttempts: 2,
        backoff: { initialMs: 5, maxMs: 20 },
        handler: async (event, ctx) => {
          runs += 1;
          // The outage's message changes from one run to the next; the first one stays.
          if (down) throw new DependencyUnavailableError('odoo', `circuit open (run ${runs})`);
          await applyEffect(event, ctx);
        },
      });
      runtimes.push(runtime);
      await runtime.start();
      const held = () =>
        db('inbox_attempts')
          .where({ consumer_group: groupId })
          .select<{ attempts: number; last_error: string | null }[]>('attempts', 'last_error');
      await waitFor(() => Promise.resolve(runs >= 3 ? true : undefined), { what: 'three runs' });
      const [row] = await held();
      expect(row).toMatchObject({ attempts: 0 });
      expect(row!.last_error).toMatch(/^DependencyUnavailableError: .*circuit open \(run 1\)$/);
      down = false;
      await drained(kafka, groupId, topic, { what: 'the head handled' });
      expect(await held()).toEqual([]);
    });
  });
});
