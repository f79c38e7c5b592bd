import { waitFor } from '@o2c/testing';
import {
  createOutbox,
  createOutboxRelay,
  DEFAULT_MAX_MESSAGE_BYTES,
  EventTooLargeError,
  requeueParked,
  type OutboxRelay,
} from '../src';
import {
  buildEvent,
  buildSchema,
  createOutboxTestEnv,
  logger,
  type OutboxTestEnv,
} from './fixtures';
import { startVerifier } from './verifier';

const big = 'x'.repeat(1_100_000);

describe('events over the broker message size', () => {
  let env: OutboxTestEnv;
  const schema = buildSchema();
  const relays: OutboxRelay[] = [];
  beforeAll(async () => {
    env = await createOutboxTestEnv(1);
    // The topic takes 2 MB messages, so a parked row can be published once the relay allows it.
    const admin = env.kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: 2,
          name: env.topic,
          configEntries: [{ name: 'max.message.bytes', value: '2000000' }],
        },
      ],
    });
    await admin.disconnect();
  });
  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await env.close();
  });
  const startRelay = (maxMessageBytes?: number) => {
    const relay = createOutboxRelay({
      db: env.db,
      kafka: env.kafka,
      service: env.service,
      logger,
      batchSize: 50,
      pollIntervalMs: 100,
      ...(maxMessageBytes ? { maxMessageBytes } : {}),
    });
    relays.push(relay);
    relay.start();
    return relay;
  };

  describe('append', () => {
    it('fails the business transaction with EventTooLargeError naming type, key, size and limit', async () => {
      const outbox = createOutbox({ serde: env.serde, service: env.service });
      const append = env.db.transaction((trx) =>
        outbox.append(trx, [
          buildEvent(schema, env.topic, { key: 'fine' }),
          buildEvent(schema, env.topic, { key: 'huge', data: { id: 'h', n: 1, note: big } }),
        ]),
      );

      const error = await append.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventTooLargeError);
      expect(error).toMatchObject({
        code: 'EVENT_TOO_LARGE',
        eventType: 'ThingHappened',
        key: 'huge',
        limit: DEFAULT_MAX_MESSAGE_BYTES,
      });
      expect((error as EventTooLargeError).size).toBeGreaterThan(1_100_000);
      expect((error as Error).message).toMatch(/ThingHappened.*huge.*1048588/);
      expect(await env.db('outbox').count<Array<{ n: string }>>('* as n')).toEqual([{ n: '0' }]);
    });
  });

  describe('the relay, given a row that got in anyway', () => {
    it('parks it with the later rows of its key, goes on with other keys, and requeues it', async () => {
      // A row from before the check: written by an outbox that allowed more.
      const lax = createOutbox({ serde: env.serde, service: env.service, maxMessageBytes: 3e6 });
      const write = (key: string, note = 'small') =>
        env.db.transaction((trx) =>
          lax.append(trx, buildEvent(schema, env.topic, { key, data: { id: key, n: 0, note } })),
        );
      const verifier = await startVerifier(env.kafka, env.topic, 1);
      const seenOf = (key: string) =>
        verifier.seen.filter((s) => s.key === key).map((s) => s.meta.aggregateSequence);
      await write('a');
      await write('a', big);
      await write('a');
      await write('b');
      const first = startRelay();

      await waitFor(() => (seenOf('b').length === 1 ? true : undefined), { what: 'key b' });
      await write('a');
      await write('b');
      await waitFor(() => (seenOf('b').length === 2 ? true : undefined), { what: 'key b again' });
      const parked = await env
        .db('outbox_parked')
        .orderBy('id')
        .select<Array<{ key: string; reason: string }>>('key', 'reason');
      expect(seenOf('a')).toEqual([1]);
      expect(parked[0]?.reason).toMatch(/too large/);
      expect(parked.map((p) => p.key)).toEqual(parked.map(() => 'a'));

      await first.stop();
      startRelay(2_000_000);
      const requeued = await requeueParked(env.db, { topic: env.topic, key: 'a' });
      await waitFor(() => (seenOf('a').length === 4 ? true : undefined), { what: 'key a' });
      const seen = await verifier.drain();

      expect(requeued).toBeGreaterThanOrEqual(1);
      expect(seenOf('a')).toEqual([1, 2, 3, 4]);
      expect(seenOf('b')).toEqual([1, 2]);
      expect(seen).toHaveLength(6);
      expect(await env.db('outbox_parked').count<Array<{ n: string }>>('* as n')).toEqual([
        { n: '0' },
      ]);
    }, 60_000);
  });
});
