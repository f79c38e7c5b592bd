import type { Db } from '@o2c/db';
import { createMetrics } from '@o2c/observability';
import { createTestDatabase, uniqueName, type TestDatabase } from '@o2c/testing';
import {
  createConsumerRuntime,
  DeadLetterHeaders as H,
  deadLetterTopic,
  listBlockedKeys,
  PermanentError,
  type ConsumerRuntime,
} from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  drained,
  logger,
  migratedDb,
  produce,
  produceRaw,
  readTopic,
  testClients,
  type ReadMessage,
  type TestEvent,
  type Thing,
} from './fixtures';

// What the SRE's redrive does: original key, value and headers back to the source topic, in
// dead-letter order, without the dlq-* headers.
const asRedriven = (letters: ReadMessage[]) =>
  letters.map((l) => ({
    key: l.key!,
    value: l.value!,
    headers: Object.fromEntries(
      Object.entries(l.headers).filter(([name]) => !name.startsWith('dlq-')),
    ),
  }));

describe('createConsumerRuntime key order across a dead letter', () => {
  const { kafka, serde } = testClients('inbox-key-order-test');
  let database: TestDatabase;
  let db: Db;
  const runtimes: ConsumerRuntime[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_key_order');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.stop()));
    await db.destroy();
    await database.drop();
  });

  // n 0..4 alternate order-0 / order-1; n 0 is refused while `broken`.
  const setup = async (keepKeyOrder?: boolean) => {
    const topic = uniqueName('inbox-key-order');
    const groupId = uniqueName('g');
    await createTopic(kafka, topic, 1);
    const state = { broken: true };
    const metrics = createMetrics('inbox-test');
    const runtime = createConsumerRuntime<Thing>({
      kafka,
      db,
      serde,
      groupId,
      topics: [topic],
      logger,
      metrics,
      ...(keepKeyOrder === undefined ? {} : { keepKeyOrder }),
      backoff: { initialMs: 10, maxMs: 40 },
      handler: async (event, ctx) => {
        if (state.broken && event.value.n === 0)
          throw new PermanentError('BAD_ORDER', 'order 0 is refused until the fix');
        await applyEffect(event, ctx);
      },
    });
    runtimes.push(runtime);
    await runtime.start();
    const settled = () =>
      drained(kafka, groupId, topic, {
        what: 'every offset committed',
      });
    // Effects of this test's events of one key, in the order they were applied.
    const applied = async (events: TestEvent[], aggregate: string) =>
      db('effects')
        .whereIn(
          'event_id',
          events.filter((e) => e.key === aggregate).map((e) => e.eventId),
        )
        .orderBy('id')
        .pluck<number[]>('n');
    const dlq = deadLetterTopic(topic, groupId);
    return { topic, groupId, state, settled, applied, dlq, metrics };
  };

  describe('by default (keepKeyOrder)', () => {
    it('parks later events of the key behind it, leaves other keys alone, and a redrive restores the order', async () => {
      const { topic, groupId, state, settled, applied, dlq, metrics } = await setup();
      const events = buildEvents(5, 2);
      await produce(kafka, serde, topic, events);
      await settled();
      // An event of the blocked key produced later waits too.
      const later = buildEvents(2, 2, 5);
      await produce(kafka, serde, topic, later);
      await settled();

      const all = [...events, ...later];
      expect(await applied(all, 'order-1')).toEqual([1, 3, 5]);
      expect(await applied(all, 'order-0')).toEqual([]);
      const letters = await readTopic(kafka, dlq, 4);
      const head = events[0]!.eventId;
      expect(letters.map((l) => [l.headers['event-id'], l.headers[H.reason]])).toEqual([
        [head, 'permanent'],
        [events[2]!.eventId, 'parked'],
        [events[4]!.eventId, 'parked'],
        [later[1]!.eventId, 'parked'],
      ]);
      expect(letters[1]!.headers).toMatchObject({
        [H.parkedBehind]: head,
        [H.errorClass]: 'ParkedBehindError',
        [H.errorMessage]: `parked-behind ${head}`,
      });
      expect(await metrics.metrics()).toMatch(/outcome="parked"[^}]*\} 3\n/);
      expect(await listBlockedKeys(db, groupId)).toMatchObject([
        { topic, messageKey: 'order-0', headEventId: head, headOrigin: `${topic}/0/0`, parked: 3 },
      ]);

      state.broken = false;
      await produceRaw(kafka, topic, asRedriven(letters));
      await settled();

      expect(await applied(all, 'order-0')).toEqual([0, 2, 4, 6]);
      expect(await listBlockedKeys(db, groupId)).toEqual([]);
      expect(await db('inbox_parked').where({ consumer_group: groupId }).count()).toEqual([
        { count: '0' },
      ]);
    });
  });

  describe('with keepKeyOrder: false', () => {
    it('dead-letters only the failing event and processes the rest of its key', async () => {
      const { topic, groupId, settled, applied, dlq } = await setup(false);
      const events = buildEvents(5, 2);
      await produce(kafka, serde, topic, events);
      await settled();

      expect(await applied(events, 'order-0')).toEqual([2, 4]);
      const letters = await readTopic(kafka, dlq, 1);
      expect(letters.map((l) => l.headers['event-id'])).toEqual([events[0]!.eventId]);
      expect(await listBlockedKeys(db, groupId)).toEqual([]);
    });
  });
});
