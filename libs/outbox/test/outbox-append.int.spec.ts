import { SchemaMismatchError } from '@o2c/kafka';
import { createOutbox } from '../src';
import { buildEvent, buildSchema, createOutboxTestEnv, type OutboxTestEnv } from './fixtures';

describe('createOutbox().append', () => {
  let env: OutboxTestEnv;
  const schema = buildSchema();

  beforeAll(async () => {
    env = await createOutboxTestEnv(1);
    await env.db.schema.createTable('orders', (t) => t.text('id').primary());
  });
  afterAll(() => env.close());

  const outbox = () => createOutbox({ serde: env.serde, service: env.service });

  it('stores the Avro-encoded payload, the envelope headers and the per-key sequence', async () => {
    const metas = await env.db.transaction((trx) =>
      outbox().append(trx, [
        buildEvent(schema, env.topic, { key: 'k1', causationId: 'c-1' }),
        buildEvent(schema, env.topic, { key: 'k2' }),
        buildEvent(schema, env.topic, { key: 'k1' }),
      ]),
    );
    expect(metas.map((m) => m.aggregateSequence)).toEqual([1, 1, 2]);
    const rows = (await env.db('outbox').orderBy('id')) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      event_id: metas[0]!.eventId,
      key: 'k1',
      topic: env.topic,
      event_type: 'ThingHappened',
      schema_version: 1,
      xid: expect.stringMatching(/^\d+$/) as unknown,
      headers: expect.objectContaining({
        'event-id': metas[0]!.eventId,
        'aggregate-sequence': '1',
        'causation-id': 'c-1',
        producer: env.service,
      }) as unknown,
    });
    // The insert writes each row's sequence into both envelopes' headers.
    expect(rows.map((r) => (r.headers as Record<string, string>)['aggregate-sequence'])).toEqual([
      '1',
      '1',
      '2',
    ]);
    expect((rows[2]!.headers as Record<string, string>).ce_sequence).toBe('00000000000000000002');
    const payload = rows[0]!.payload as Buffer;
    expect(payload[0]).toBe(0);
    expect(payload.readInt32BE(1)).toBe(await env.serde.schemaId(schema));
  });

  it('writes only the CloudEvents envelope when asked to (EVENT_HEADERS=cloudevents)', async () => {
    const ceOutbox = createOutbox({
      serde: env.serde,
      service: env.service,
      headers: 'cloudevents',
    });
    const [meta] = await env.db.transaction((trx) =>
      ceOutbox.append(trx, buildEvent(schema, env.topic, { key: 'ce-1' })),
    );
    const row = (await env.db('outbox').where({ key: 'ce-1' }).first()) as {
      headers: Record<string, string>;
    };
    expect(row.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: meta!.eventId,
      ce_type: 'o2c.ThingHappened',
      ce_source: `/o2c/${env.service}`,
      ce_subject: 'ce-1',
      ce_sequence: '00000000000000000001',
    });
    expect(row.headers['event-id']).toBeUndefined();
  });

  it('leaves no row when the business transaction rolls back', async () => {
    const count = async () => (await env.db('outbox').count<Array<{ n: string }>>('* as n'))[0]?.n;
    const before = await count();
    const failing = env.db.transaction(async (trx) => {
      await trx('orders').insert({ id: 'rolled-back' });
      await outbox().append(trx, buildEvent(schema, env.topic, { key: 'rb' }));
      throw new Error('business rule failed');
    });
    await expect(failing).rejects.toThrow('business rule failed');
    expect(await count()).toBe(before);
    expect(await env.db('outbox').where({ key: 'rb' })).toEqual([]);
  });

  it('throws SchemaMismatchError on a value that does not fit, failing the transaction', async () => {
    const failing = env.db.transaction(async (trx) => {
      await trx('orders').insert({ id: 'bad-event' });
      await outbox().append(
        trx,
        buildEvent(schema, env.topic, { key: 'bad', data: { id: 'x', n: 'many', note: '' } }),
      );
    });
    await expect(failing).rejects.toBeInstanceOf(SchemaMismatchError);
    expect(await env.db('orders').where({ id: 'bad-event' })).toEqual([]);
    expect(await env.db('outbox').where({ key: 'bad' })).toEqual([]);
  });

  it('assigns gap-free sequences per key under concurrent transactions', async () => {
    const keys = ['a', 'b', 'c'];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        env.db.transaction(async (trx) => {
          await outbox().append(trx, [
            buildEvent(schema, env.topic, { key: keys[i % 3]! }),
            buildEvent(schema, env.topic, { key: keys[(i + 1) % 3]! }),
          ]);
          await new Promise((r) => setTimeout(r, i % 4));
        }),
      ),
    );
    for (const key of keys) {
      const rows = await env.db('outbox').where({ key }).orderBy('id');
      // Ids follow sequence order within a key: what lets the relay keep per-key order.
      expect(rows.map((r: { aggregate_sequence: string }) => Number(r.aggregate_sequence))).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    }
  });
});
