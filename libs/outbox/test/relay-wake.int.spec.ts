import { waitFor } from '@o2c/testing';
import { createOutbox, createOutboxRelay, PUBLISHED, type OutboxRelay } from '../src';
import {
  buildEvent,
  buildSchema,
  countRows,
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

  // The row's xmin changes with every write of the flag.
  const flagVersion = async () =>
    (
      await env.db.raw<{ rows: Array<{ v: string }> }>(
        'select xmin::text as v from outbox_relay_state',
      )
    ).rows[0]!.v;

  it('sleeps with the flag up, and a committed append wakes it to publish', async () => {
    await waitFor(async () => ((await sleeping()) ? true : undefined), { what: 'relay asleep' });
    const outbox = createOutbox({ serde: env.serde, service: env.service });
    const versions: string[] = [];
    for (const key of ['a', 'b', 'c']) {
      const [meta] = await env.db.transaction((trx) =>
        outbox.append(trx, buildEvent(buildSchema(), env.topic, { key })),
      );
      const row = await waitFor(
        async () =>
          (await env
            .db('outbox')
            .where({ event_id: meta!.eventId })
            .whereRaw(PUBLISHED)
            .first()) as object | undefined,
        { what: `event ${key} published` },
      );
      expect(row).toBeDefined();
      // Back to sleep with the flag up, ready for the next wake-up.
      await waitFor(async () => ((await sleeping()) ? true : undefined), { what: 'asleep again' });
      versions.push(await flagVersion());
    }
    // Light traffic costs no flag writes: once up, it stayed up through the later wake-ups.
    expect(new Set(versions.slice(1))).toEqual(new Set([versions[0]]));
  });

  it('lowers the flag while claims come back full, and raises it again once drained', async () => {
    const busyRelay = createOutboxRelay({
      db: env.db,
      kafka: env.kafka,
      service: env.service,
      logger,
      pollIntervalMs: 600_000,
      batchSize: 5,
    });
    await relay.stop();
    relay = busyRelay;
    relay.start();
    await waitFor(async () => ((await sleeping()) ? true : undefined), { what: 'relay asleep' });
    const before = await flagVersion();
    const outbox = createOutbox({ serde: env.serde, service: env.service });
    const metas = await env.db.transaction(async (trx) => {
      const out = [];
      for (let i = 0; i < 40; i++)
        out.push(
          ...(await outbox.append(trx, buildEvent(buildSchema(), env.topic, { key: `k${i}` }))),
        );
      return out;
    });
    await waitFor(async () => ((await countRows(env.db, 'unpublished')) === 0 ? true : undefined), {
      what: `all ${metas.length} events published`,
    });
    await waitFor(async () => ((await sleeping()) ? true : undefined), { what: 'asleep again' });
    // Written twice at least: down on the first full claim, up again before sleeping.
    expect(await flagVersion()).not.toBe(before);
  });
});
