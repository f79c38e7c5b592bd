import { Registry } from 'prom-client';
import { waitFor } from '@o2c/testing';
import {
  createOutbox,
  createOutboxRelay,
  deletePublishedBefore,
  readPublishedEvents,
  PUBLISHED,
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

const unpublished = (env: OutboxTestEnv) => countRows(env.db, 'unpublished');

describe('createOutboxRelay', () => {
  let env: OutboxTestEnv;
  let relay: OutboxRelay;
  const metrics = new Registry();
  const schema = buildSchema();

  beforeAll(async () => {
    env = await createOutboxTestEnv(3);
    relay = createOutboxRelay({
      db: env.db,
      kafka: env.kafka,
      service: env.service,
      logger,
      metrics,
      batchSize: 50,
      pollIntervalMs: 200,
      metricsIntervalMs: 100,
    });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await env.close();
  });

  const outbox = () => createOutbox({ serde: env.serde, service: env.service });

  it('publishes every committed event once, per-key in order, with headers and Avro payload', async () => {
    const verifier = await startVerifier(env.kafka, env.topic, 3);
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        env.db.transaction((trx) =>
          outbox().append(
            trx,
            Array.from({ length: 10 }, (_, j) =>
              buildEvent(schema, env.topic, {
                key: `k${(i + j) % 7}`,
                data: { id: `e${i}-${j}`, n: j, note: 'x' },
              }),
            ),
          ),
        ),
      ),
    );
    await expect(
      env.db.transaction(async (trx) => {
        await outbox().append(trx, buildEvent(schema, env.topic, { key: 'never' }));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await waitFor(async () => ((await unpublished(env)) === 0 ? true : undefined));
    const seen = await verifier.drain();

    const ids = written.flat().map((m) => m.eventId);
    expect(seen.map((s) => s.meta.eventId).sort()).toEqual([...ids].sort());
    expect(seen.some((s) => s.key === 'never')).toBe(false);
    const byKey = new Map<string, number[]>();
    for (const s of seen)
      byKey.set(s.key, [...(byKey.get(s.key) ?? []), s.meta.aggregateSequence!]);
    for (const sequences of byKey.values()) {
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    }
    const decoded = await env.serde.decode<{ id: string }>(seen[0]!.value);
    expect(decoded.id).toMatch(/^e\d+-\d$/);
    expect((await metrics.getSingleMetric('outbox_published_total')?.get())?.values[0]?.value).toBe(
      200,
    );
  });

  it('publishes once a row with a lower id that commits after higher ids were published', async () => {
    const verifier = await startVerifier(env.kafka, env.topic, 3);
    let releaseLate!: () => void;
    const lateGate = new Promise<void>((r) => (releaseLate = r));
    let lateId = '';
    const late = env.db.transaction(async (trx) => {
      const [meta] = await outbox().append(trx, buildEvent(schema, env.topic, { key: 'late' }));
      lateId = meta!.eventId;
      await lateGate;
    });
    await waitFor(() => (lateId ? true : undefined));
    const [early] = await env.db.transaction((trx) =>
      outbox().append(trx, buildEvent(schema, env.topic, { key: 'early' })),
    );
    const published = async (eventId: string) =>
      (await env.db('outbox').where({ event_id: eventId }).whereRaw(PUBLISHED).first()) as
        { id: string } | undefined;
    const earlyRow = await waitFor(() => published(early!.eventId));
    releaseLate();
    await late;
    const lateRow = await waitFor(() => published(lateId));
    expect(BigInt(lateRow.id)).toBeLessThan(BigInt(earlyRow.id));

    const seen = await verifier.drain();
    expect(seen.filter((s) => s.meta.eventId === lateId)).toHaveLength(1);
    expect(seen.filter((s) => s.meta.eventId === early!.eventId)).toHaveLength(1);
  });

  it('reports the backlog gauges', async () => {
    await waitFor(async () =>
      (await metrics.getSingleMetric('outbox_backlog_rows')?.get())?.values[0]?.value === 0
        ? true
        : undefined,
    );
    const text = await metrics.metrics();
    expect(text).toMatch(/outbox_oldest_unpublished_age_seconds 0/);
    expect(text).toMatch(/outbox_publish_lag_seconds_count 202/);
    expect(text).toMatch(/outbox_relay_errors_total 0/);
  });

  it('goes on from the Kafka checkpoint when the saved cursor lags it, republishing nothing', async () => {
    await relay.stop();
    // As if every batch so far had crashed between its Kafka commit and the save of its cursor.
    await env
      .db('outbox_relay_cursor')
      .update({ window_no: 0, from_snapshot: '2:2:', to_snapshot: '2:2:', row_id: 0 });
    expect(await unpublished(env)).toBe(202);
    relay = createOutboxRelay({
      db: env.db,
      kafka: env.kafka,
      service: env.service,
      logger,
      batchSize: 50,
      pollIntervalMs: 200,
    });
    relay.start();
    await waitFor(async () => ((await unpublished(env)) === 0 ? true : undefined));
    const seen = await (await startVerifier(env.kafka, env.topic, 3)).drain();
    expect(seen).toHaveLength(202);
    expect(new Set(seen.map((s) => s.meta.eventId)).size).toBe(202);
  });

  it('reads published rows in publish order and deletes only old published ones', async () => {
    const all = await readPublishedEvents(env.db, {
      from: new Date(0),
      to: new Date(Date.now() + 60_000),
      topic: env.topic,
      eventType: 'ThingHappened',
    });
    expect(all).toHaveLength(202);
    const page = await readPublishedEvents(env.db, {
      from: new Date(0),
      to: new Date(Date.now() + 60_000),
      after: all[99]!,
      limit: 10,
    });
    expect(page.map((e) => e.eventId)).toEqual(all.slice(100, 110).map((e) => e.eventId));

    const old = all.slice(0, 120).map((e) => e.id);
    const anHourAgo = new Date(Date.now() - 3600_000);
    // Committed an hour ago, so below any window the relay has saved since. Their real xids may
    // not be: the cursor's xmin is the whole server's, which other databases' transactions
    // (other suites, in CI) can hold back.
    await env.db('outbox').whereIn('id', old).update({ created_at: anHourAgo, xid: '1' });
    // An old row past the relay's cursor (as if a far-future transaction wrote it) must survive.
    await env
      .db('outbox')
      .where('id', all[120]!.id)
      .update({ created_at: anHourAgo, xid: '9000000000000' });
    const deleted = await deletePublishedBefore(env.db, new Date(Date.now() - 60_000), 25);
    expect(deleted).toBe(120);
    expect(await env.db('outbox').whereIn('id', old)).toEqual([]);
    expect(await env.db('outbox').count<[{ n: string }]>('* as n')).toEqual([{ n: '82' }]);
  });
});
