import { randomUUID } from 'node:crypto';
import { createDb, runMigrations, type Db } from '@o2c/db';
import { headerValue } from '@o2c/kafka';
import { outboxMigrations } from '@o2c/outbox';
import { createTestDatabase, type TestDatabase } from '@o2c/testing';
import { createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { runCli } from './cli';
import { eventIdOf, readTopic } from './read-topic';

/** Rows the relay has published (or, with `published` false, not yet). */
async function insertRows(
  db: Db,
  topic: string,
  count: number,
  published: boolean,
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db('outbox').insert(
    ids.map((eventId, i) => ({
      event_id: eventId,
      topic,
      key: `order-${i % 4}`,
      event_type: 'OrderAccepted',
      schema_version: 1,
      payload: Buffer.from([0, 0, 0, 0, 7, i]),
      headers: JSON.stringify({
        'event-id': eventId,
        'event-type': 'OrderAccepted',
        producer: 'order-intake',
      }),
      aggregate_sequence: i + 1,
      // xid 1: committed before the relay's first window, so published (see outbox_005).
      xid: published ? '1' : undefined,
      created_at: new Date(Date.now() - 300_000),
    })),
  );
  return ids;
}

describe('o2c-ops replay-outbox', () => {
  let fx: KafkaFixture;
  let ops: TestDatabase;
  let service: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    fx = await createKafkaFixture();
    ops = await createTestDatabase('ops_outbox');
    service = await createTestDatabase('o2c_svc');
    db = createDb(service.url);
    await runMigrations(db, outboxMigrations);
  });
  afterAll(async () => {
    await db.destroy();
    await fx.close();
    await Promise.all([ops.drop(), service.drop()]);
  });

  it('re-publishes the published rows of the range, as the dry run counted', async () => {
    const topic = await fx.createTopic('outbox-topic', 2);
    const published = await insertRows(db, topic, 25, true);
    await insertRows(db, topic, 5, false);
    const env = { OPS_DATABASE_URL: ops.url };
    const args = [
      '--json',
      'replay-outbox',
      '-s',
      'svc',
      '--database-url',
      service.url,
      '--from',
      '1h',
    ];

    const dry = await runCli(args, env);
    const run = await runCli([...args, '--execute'], env);

    expect(dry.json<{ dryRun: { selected: number } }>().dryRun.selected).toBe(25);
    expect(run.code).toBe(0);
    expect(run.json<{ result: { published: number } }>().result.published).toBe(25);
    const seen = await readTopic(fx.kafka, topic);
    expect(seen.map(eventIdOf).sort()).toEqual([...published].sort());
    expect(headerValue(seen[0]!.headers, 'replay-origin')).toMatch(/^outbox:svc\/\d+$/);
    expect(seen[0]!.value?.subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 0, 7]));
  });
});
