import { runMigrations } from '@o2c/db';
import { uniqueName, waitFor } from '@o2c/testing';
import {
  createOutbox,
  createOutboxRelay,
  outboxMigrations,
  relayName,
  type OutboxRelay,
} from '../src';
import {
  buildEvent,
  buildSchema,
  countRows,
  createOutboxTestEnv,
  logger,
  type OutboxTestEnv,
} from './fixtures';
import { startVerifier } from './verifier';

// An outbox left by the claim-and-mark relay (migrations up to 004), upgraded in place.
describe('upgrading an outbox from migration 004', () => {
  let env: OutboxTestEnv;
  let relay: OutboxRelay | undefined;
  const checkpointTopic = uniqueName('outbox-relay.checkpoints');

  beforeAll(async () => {
    env = await createOutboxTestEnv(1, { upTo: 'outbox_004_parked' });
  });
  afterAll(async () => {
    await relay?.stop();
    await env.close();
  });

  it('publishes exactly what the old relay had not committed to Kafka, in order', async () => {
    const schema = buildSchema();
    const outbox = createOutbox({ serde: env.serde, service: env.service });
    const metas = await env.db.transaction((trx) =>
      outbox.append(
        trx,
        Array.from({ length: 8 }, (_, i) =>
          buildEvent(schema, env.topic, {
            key: `k${i % 2}`,
            data: { id: `e${i}`, n: i, note: '' },
          }),
        ),
      ),
    );
    const ids = (await env.db('outbox').orderBy('id').pluck('id')) as string[];
    // Rows 0-1 published (batch 1); 2-3 claimed by batch 2, committed to Kafka, not marked;
    // 4-5 claimed by batch 3, whose Kafka transaction never committed; 6-7 never claimed.
    const state = (from: number, to: number, batch: number, published: boolean) =>
      env
        .db('outbox')
        .whereIn('id', ids.slice(from, to))
        .update({ relay_batch: batch, published_at: published ? new Date() : null });
    await state(0, 2, 1, true);
    await state(2, 4, 2, false);
    await state(4, 6, 3, false);
    // The old relay's checkpoint: batches below 3 are committed (an offset, no cursor).
    const admin = env.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: checkpointTopic, numPartitions: 1 }] });
    await admin.setOffsets({
      groupId: relayName(env.service),
      topic: checkpointTopic,
      partitions: [{ partition: 0, offset: '3' }],
    });
    await admin.disconnect();

    await runMigrations(env.db, outboxMigrations);
    const unpublished = () => countRows(env.db, 'unpublished');
    expect(await unpublished()).toBe(6);

    const verifier = await startVerifier(env.kafka, env.topic, 1);
    relay = createOutboxRelay({
      db: env.db,
      kafka: env.kafka,
      service: env.service,
      logger,
      checkpointTopic,
      pollIntervalMs: 100,
    });
    relay.start();
    await waitFor(async () => ((await unpublished()) === 0 ? true : undefined), {
      what: 'the upgraded outbox drained',
    });
    const seen = await verifier.drain();

    expect(seen.map((s) => s.meta.eventId)).toEqual(metas.slice(4).map((m) => m.eventId));
  });
});
