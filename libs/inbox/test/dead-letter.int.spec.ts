import { randomUUID } from 'node:crypto';
import type { Db } from '@o2c/db';
import { createMetrics } from '@o2c/observability';
import { createTestDatabase, uniqueName, type TestDatabase } from '@o2c/testing';
import {
  createConsumerRuntime,
  DeadLetterHeaders as H,
  deadLetterTopic,
  type ConsumerRuntime,
} from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  drained,
  effectCounts,
  encodeEvents,
  logger,
  migratedDb,
  produceRaw,
  readTopic,
  testClients,
  type Thing,
} from './fixtures';

describe('createConsumerRuntime dead letters', () => {
  const { kafka, serde } = testClients('inbox-dlq-test');
  let database: TestDatabase;
  let db: Db;
  const runtimes: ConsumerRuntime[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_dlq');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.stop()));
    await db.destroy();
    await database.drop();
  });

  describe('when poison messages sit between good ones in one partition', () => {
    it('parks each in <topic>.dlq.<group> with reason, attempts and origin, and processes the rest', async () => {
      const topic = uniqueName('inbox-poison');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const events = buildEvents(6);
      const records = await encodeEvents(serde, events);
      const [good0, undecodable, good1, failing, good2, crashed, good3] = [
        records[0]!,
        { ...records[1]!, value: Buffer.from('\u0000garbage that is no Avro') },
        records[2]!,
        records[3]!,
        records[4]!,
        records[5]!,
        (await encodeEvents(serde, buildEvents(1, 1, 100)))[0]!,
      ];
      const noEnvelope = {
        key: 'order-x',
        value: good0.value,
        headers: { 'event-id': randomUUID() },
      };
      await produceRaw(kafka, topic, [
        good0,
        undecodable,
        good1,
        failing,
        good2,
        noEnvelope,
        crashed,
        good3,
      ]);
      // As if earlier processes had died 3 times while handling offset 6: crash-aware counting.
      await db('inbox_attempts').insert({
        consumer_group: groupId,
        topic,
        partition: 0,
        offset: 6,
        starts: 3,
        attempts: 0,
      });

      const failingId = events[3]!.eventId;
      const crashedId = events[5]!.eventId;
      let failingCalls = 0;
      const metrics = createMetrics('inbox-test');
      const runtime = createConsumerRuntime<Thing>({
        kafka,
        db,
        serde,
        groupId,
        topics: [topic],
        logger,
        metrics,
        maxAttempts: 3,
        maxCrashes: 3,
        // Every failure kind on its own: offset 6 shares its key with offset 1 (key order is
        // key-order.int.spec's subject).
        keepKeyOrder: false,
        backoff: { initialMs: 10, maxMs: 40 },
        handler: async (event, ctx) => {
          if (ctx.metadata.eventId === crashedId) throw new Error('must never run again');
          if (ctx.metadata.eventId === failingId) {
            failingCalls++;
            throw new TypeError('cannot read properties of undefined');
          }
          await applyEffect(event, ctx);
        },
      });
      runtimes.push(runtime);
      await runtime.start();

      const dlq = await readTopic(kafka, deadLetterTopic(topic, groupId), 4);
      await drained(kafka, groupId, topic, {
        what: 'the source offsets committed past every message',
      });

      const counts = await effectCounts(db);
      expect([good0, good1, good2, good3].map((r) => counts.get(r.headers['event-id']!))).toEqual([
        1, 1, 1, 1,
      ]);
      expect(counts.size).toBe(4);
      expect(failingCalls).toBe(3);

      expect(
        dlq.map((m) => [m.headers[H.originOffset], m.headers[H.reason], m.headers[H.errorClass]]),
      ).toEqual([
        ['1', 'permanent', 'DecodeError'],
        ['3', 'exhausted', 'TypeError'],
        ['5', 'permanent', 'DecodeError'],
        ['6', 'crashed', 'PoisonMessageError'],
      ]);
      const [bytes, thrown, envelope, poison] = dlq;
      // Same key and value bytes as the original, original headers kept, failure described.
      expect(bytes).toMatchObject({ key: undecodable.key, value: undecodable.value });
      expect(bytes!.headers).toMatchObject(undecodable.headers);
      expect(bytes!.headers).toMatchObject({
        [H.attempts]: '1',
        [H.originTopic]: topic,
        [H.originPartition]: '0',
        [H.consumerGroup]: groupId,
        // The bytes name a schema id the registry does not have: a 404, final, not an outage.
        [H.causeClass]: 'ResponseError',
      });
      expect(bytes!.headers[H.errorMessage]).toMatch(/^cannot decode Avro value/);
      expect(Date.parse(bytes!.headers[H.failedAt]!)).not.toBeNaN();
      expect(thrown!.headers).toMatchObject({
        [H.attempts]: '3',
        [H.errorMessage]: 'cannot read properties of undefined',
      });
      expect(envelope!.headers[H.errorMessage]).toMatch(/missing envelope header/);
      expect(envelope!.headers[H.causeClass]).toBe('EnvelopeError');
      expect(poison!.headers).toMatchObject({ [H.attempts]: '3', [H.originOffset]: '6' });
      expect(poison!.headers[H.errorMessage]).toBe('crashed the consumer 3 times');

      const text = await metrics.metrics();
      expect(text).toMatch(new RegExp(`outcome="dead_lettered"[^}]*\\} 4`));
      expect(text).toMatch(new RegExp(`outcome="retried"[^}]*\\} 2`));
      const byReason = (reason: string) =>
        new RegExp(`o2c_dead_letters_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`).exec(
          text,
        )?.[1];
      expect([byReason('permanent'), byReason('exhausted'), byReason('crashed')]).toEqual([
        '2',
        '1',
        '1',
      ]);
      expect(await db('inbox_attempts').where({ consumer_group: groupId }).count()).toEqual([
        { count: '0' },
      ]);
    });
  });
});
