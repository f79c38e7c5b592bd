import { randomUUID } from 'node:crypto';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@o2c/testing';
import type { Db } from '@o2c/db';
import { createConsumerRuntime, type ConsumerRuntime } from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  drained,
  effectCounts,
  encodeEvents,
  logger,
  migratedDb,
  produce,
  produceRaw,
  testClients,
  type Thing,
} from './fixtures';

describe('the fast path of the consumer runtime (a transaction per fetched batch)', () => {
  const { kafka, serde } = testClients('inbox-batch-test');
  let database: TestDatabase;
  let db: Db;
  const runtimes: ConsumerRuntime[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_batch');
    db = await migratedDb(database.url);
    await db.raw(
      'create table key_rows (key text primary key, touched integer not null default 0)',
    );
  });
  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.stop()));
    await db.destroy();
    await database.drop();
  });

  describe('when a handler fails in the middle of a fetched batch', () => {
    it('commits the messages before it on the fast path and runs the failing one once per attempt', async () => {
      const topic = uniqueName('inbox-mid');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const events = buildEvents(6);
      await produce(kafka, serde, topic, events);
      const failing = events[3]!.eventId;
      const calls: string[] = [];
      // What the careful path leaves while a handler runs: a started attempt for its offset.
      const carefulRuns = new Set<string>();
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        backoff: { initialMs: 10, maxMs: 50 },
        handler: async (event, ctx) => {
          calls.push(`${event.value.n}@${ctx.attempt}`);
          const started = await ctx
            .trx('inbox_attempts')
            .where({ consumer_group: groupId, offset: event.offset })
            .first<{ starts: number } | undefined>('starts');
          if (started) carefulRuns.add(ctx.metadata.eventId);
          await applyEffect(event, ctx);
          if (ctx.metadata.eventId === failing && ctx.attempt === 1) throw new Error('once');
        },
      });
      runtimes.push(runtime);
      await runtime.start();

      await drained(kafka, groupId, topic, { what: 'all offsets committed' });
      const counts = await effectCounts(db);
      expect(events.map((e) => counts.get(e.eventId))).toEqual([1, 1, 1, 1, 1, 1]);
      const [a, b, c, d] = events.map((e) => e.value.n);
      // The batch ran without savepoints, failed at the fourth, and its first three ran again.
      expect(calls.slice(0, 7)).toEqual([a, b, c, d, a, b, c].map((n) => `${n}@1`));
      expect(calls.filter((call) => call.startsWith(`${d}@`))).toEqual([`${d}@1`, `${d}@2`]);
      expect(events.slice(0, 3).some((e) => carefulRuns.has(e.eventId))).toBe(false);
      expect(carefulRuns.has(failing)).toBe(true);
    });
  });

  describe('with transactionMessages: 1 (handlers that call slow remote systems)', () => {
    it('commits each message before the next one runs, so no lock waits on the later ones', async () => {
      const topic = uniqueName('inbox-one');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const key = uniqueName('key-one');
      await db('key_rows').insert({ key });
      const events = buildEvents(4);
      await produce(kafka, serde, topic, events);
      // What another connection sees of the row each handler locks, as each handler starts.
      const seen: number[] = [];
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        transactionMessages: 1,
        handler: async (event, ctx) => {
          const row = await db('key_rows').where({ key }).first<{ touched: number }>();
          seen.push(row.touched);
          await ctx.trx('key_rows').where({ key }).increment('touched', 1);
          await applyEffect(event, ctx);
        },
      });
      runtimes.push(runtime);
      await runtime.start();

      await drained(kafka, groupId, topic, { what: 'all offsets committed' });
      const counts = await effectCounts(db);
      expect(events.map((e) => counts.get(e.eventId))).toEqual([1, 1, 1, 1]);
      // In one transaction for the fetched batch, every handler would have seen 0.
      expect(seen).toEqual([0, 1, 2, 3]);
    });
  });

  describe('when two partitions hold the same keys in opposite orders', () => {
    it('runs their batches one after the other instead of deadlocking', async () => {
      const topic = uniqueName('inbox-locks');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 2);
      const [a, b] = [uniqueName('key-a'), uniqueName('key-b')];
      await db('key_rows').insert([{ key: a }, { key: b }]);
      const event = (key: string, n: number) => ({
        key,
        value: { id: key, n },
        eventId: randomUUID(),
      });
      const events = [event(a, 1), event(b, 2), event(b, 3), event(a, 4)];
      const [first, second] = await Promise.all([
        encodeEvents(serde, events.slice(0, 2)),
        encodeEvents(serde, events.slice(2)),
      ]);
      await produceRaw(kafka, topic, [
        ...first.map((r) => ({ ...r, partition: 0 })),
        ...second.map((r) => ({ ...r, partition: 1 })),
      ]);
      const deadlocks = async () =>
        Number(
          (
            await db.raw<{ rows: Array<{ deadlocks: string }> }>(
              'select deadlocks from pg_stat_database where datname = current_database()',
            )
          ).rows[0]!.deadlocks,
        );
      const before = await deadlocks();

      // Each batch's first handler locks its key's row, then waits (a while at most) for the
      // other batch's first handler: without one lock order, each then waits for the other's row.
      let started = 0;
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        partitionsConcurrently: 2,
        handler: async (message, ctx) => {
          await ctx.trx('key_rows').where({ key: message.key }).increment('touched', 1);
          if (message.value.n % 2 === 1) {
            started += 1;
            await waitFor(() => (started >= 2 ? true : undefined), {
              timeoutMs: 2_000,
              what: 'the other batch',
            }).catch(() => undefined);
          }
          await applyEffect(message, ctx);
        },
      });
      runtimes.push(runtime);
      await runtime.start();
      await drained(kafka, groupId, topic, { what: 'all offsets committed' });
      const counts = await effectCounts(db);
      expect(events.map((e) => counts.get(e.eventId))).toEqual([1, 1, 1, 1]);
      expect(await db('key_rows').whereIn('key', [a, b]).orderBy('key').pluck('touched')).toEqual([
        2, 2,
      ]);
      expect(await deadlocks()).toBe(before);
    });
  });
});
