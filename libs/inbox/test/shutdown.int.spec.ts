import type { Db } from '@o2c/db';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@o2c/testing';
import { createConsumerRuntime, type ConsumerRuntimeOptions, type ConsumerRuntime } from '../src';
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

/** A handler's own duration, longer than the broker's minimum session timeout. */
const SLOWER_THAN_THE_SESSION_MS = 7000;

describe('ConsumerRuntime.stop', () => {
  const { kafka, serde } = testClients('inbox-shutdown-test');
  let database: TestDatabase;
  let db: Db;
  const runtimes: ConsumerRuntime[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_stop');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.stop()));
    await db.destroy();
    await database.drop();
  });

  const setup = async () => {
    const topic = uniqueName('inbox-stop');
    const groupId = uniqueName('g');
    await createTopic(kafka, topic, 1);
    const events = buildEvents(3);
    await produce(kafka, serde, topic, events);
    const start = async (handler: ConsumerRuntimeOptions<Thing>['handler'], backoffMs = 10) => {
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        handler,
        backoff: { initialMs: backoffMs, maxMs: backoffMs, jitter: 0 },
      });
      runtimes.push(runtime);
      await runtime.start();
      return runtime;
    };
    return { topic, groupId, events, start };
  };

  describe('while a message waits for its next retry', () => {
    it('abandons it without committing or dead-lettering, and the next run resumes its attempt count', async () => {
      const { topic, groupId, events, start } = await setup();
      let calls = 0;
      const failing = await start(() => {
        calls++;
        return Promise.reject(new Error('partner API down'));
      }, 60_000);
      await waitFor(() => (calls === 1 ? true : undefined), { what: 'the first attempt' });
      await failing.stop(); // returns long before the 60 s back-off would end
      expect(await groupLag(kafka, groupId, topic)).toBe(3);
      expect(
        await db('inbox_attempts').where({ consumer_group: groupId }).pluck('attempts'),
      ).toEqual([1]);

      const attempts: number[] = [];
      await start(async (event, ctx) => {
        attempts.push(ctx.attempt);
        await applyEffect(event, ctx);
      });
      await drained(kafka, groupId, topic, {
        what: 'the second run to commit everything',
      });
      expect(attempts).toEqual([2, 1, 1]);
      expect(calls).toBe(1);
      const counts = await effectCounts(db);
      expect(events.map((e) => counts.get(e.eventId))).toEqual([1, 1, 1]);
    });
  });

  describe('while a handler is running', () => {
    it('lets it finish, commits its DB transaction and offset, then disconnects', async () => {
      const { topic, groupId, events, start } = await setup();
      let release: () => void = () => undefined;
      let entered = false;
      const runtime = await start(async (event, ctx) => {
        entered = true;
        await new Promise<void>((r) => (release = r));
        await applyEffect(event, ctx);
      });
      await waitFor(() => (entered ? true : undefined), { what: 'the handler to start' });
      const stopped = runtime.stop();
      setTimeout(() => release(), 200);
      await stopped;

      const counts = await effectCounts(db);
      expect(counts.get(events[0]!.eventId)).toBe(1);
      expect(counts.has(events[1]!.eventId)).toBe(false);
      expect(await groupLag(kafka, groupId, topic)).toBe(2);
    });
  });

  describe('while a handler runs longer than the session timeout', () => {
    it('keeps the group membership (heartbeats), so the message is committed once and not redelivered', async () => {
      const topic = uniqueName('inbox-slow');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const events = buildEvents(2);
      await produce(kafka, serde, topic, events);
      const outcomes: string[] = [];
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        sessionTimeoutMs: 6000, // the broker's minimum
        heartbeatIntervalMs: 500,
        handler: async (event, ctx) => {
          if (ctx.metadata.eventId === events[0]!.eventId) {
            // The subject of the test: work that outlasts the session timeout (6 s).
            await new Promise((r) => setTimeout(r, SLOWER_THAN_THE_SESSION_MS));
          }
          await applyEffect(event, ctx);
        },
        onDbCommit: (_event, outcome) => outcomes.push(outcome),
      });
      runtimes.push(runtime);
      await runtime.start();
      await drained(kafka, groupId, topic, {
        what: 'both offsets committed',
      });
      // Kicked out of the group, the commit would fail and the message would come back: a duplicate.
      expect(outcomes).toEqual(['processed', 'processed']);
    });
  });
});
