import { waitFor } from '@o2c/testing';
import { createOutbox, createOutboxRelay, type OutboxRelay } from '../src';
import {
  buildEvent,
  buildSchema,
  createOutboxTestEnv,
  logger,
  type OutboxTestEnv,
} from './fixtures';

describe('relay wake-up by LISTEN/NOTIFY', () => {
  let env: OutboxTestEnv;
  let relay: OutboxRelay;

  beforeAll(async () => {
    env = await createOutboxTestEnv(1);
    // A poll far longer than the test: only a NOTIFY can wake this relay in time.
    relay = createOutboxRelay({
      db: env.db,
      kafka: env.kafka,
      service: env.service,
      logger,
      pollIntervalMs: 600_000,
    });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await env.close();
  });

  const sleeping = async () =>
    ((await env.db('outbox_relay_state').first()) as { sleeping: boolean }).sleeping;

  it('sleeps with the flag up, and a committed append wakes it to publish', async () => {
    await waitFor(async () => ((await sleeping()) ? true : undefined), { what: 'relay asleep' });
    const outbox = createOutbox({ serde: env.serde, service: env.service });
    for (const key of ['a', 'b']) {
      const [meta] = await env.db.transaction((trx) =>
        outbox.append(trx, buildEvent(buildSchema(), env.topic, { key })),
      );
      const row = await waitFor(
        async () =>
          (await env
            .db('outbox')
            .where({ event_id: meta!.eventId })
            .whereNotNull('published_at')
            .first()) as object | undefined,
        { what: `event ${key} published` },
      );
      expect(row).toBeDefined();
      // Back to sleep with the flag up, ready for the next wake-up.
      await waitFor(async () => ((await sleeping()) ? true : undefined), { what: 'asleep again' });
    }
  });
});
