import { ensureTopics } from '@o2c/kafka';
import { DeadLetterHeaders as H, deadLetterTopic, inboxMigrations } from '@o2c/inbox';
import { createDb, runMigrations, type Db } from '@o2c/db';
import { createTestDatabase, uniqueName, type TestDatabase } from '@o2c/testing';
import type { Message } from 'kafkajs';
import { runCli } from './cli';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { eventIdOf, readTopic } from './read-topic';

const idOf = (m: Message) => String(m.headers!['event-id']);

interface ParkedJson {
  blockedKeys?: { messageKey: string; headEventId: string; parked: number }[];
  executed?: boolean;
  released?: number;
  dryRun?: { selected: number };
  result?: { published: number };
  error?: { code: string };
}

describe('o2c-ops dlq parked / discard / redrive of a blocked key (libs/inbox keepKeyOrder)', () => {
  let fx: KafkaFixture;
  let ops: TestDatabase;
  let service: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    fx = await createKafkaFixture();
    ops = await createTestDatabase('ops_parked');
    service = await createTestDatabase('svc_parked');
    db = createDb(service.url, { poolMax: 2 });
    await runMigrations(db, inboxMigrations);
  });
  afterAll(async () => {
    await db.destroy();
    await Promise.all([ops.drop(), service.drop()]);
    await fx.close();
  });

  /**
   * What the consumer runtime leaves behind: head H of order-7 dead-lettered, an unrelated letter
   * U, then P1 and P2 of order-7 parked behind H, in the DLQ and in the service's inbox_parked.
   */
  async function blockedKey() {
    const source = await fx.createTopic('parked-src', 1);
    const group = uniqueName('billing');
    const dlq = deadLetterTopic(source, group);
    await ensureTopics(fx.kafka, [{ topic: dlq, numPartitions: 1 }]);
    const [head, other, p1, p2] = ['order-7', 'order-8', 'order-7', 'order-7'].map((key) =>
      buildEvent({ key }),
    ) as [Message, Message, Message, Message];
    const letter = (m: Message, offset: number, parkedBehind?: string): Message => ({
      ...m,
      headers: {
        ...m.headers,
        [H.reason]: parkedBehind ? 'parked' : 'permanent',
        [H.errorClass]: parkedBehind ? 'ParkedBehindError' : 'SkuNotFoundError',
        [H.errorMessage]: parkedBehind ? `parked-behind ${parkedBehind}` : 'unknown SKU',
        [H.attempts]: '1',
        [H.originTopic]: source,
        [H.originPartition]: '0',
        [H.originOffset]: String(offset),
        [H.failedAt]: new Date().toISOString(),
        [H.consumerGroup]: group,
        ...(parkedBehind ? { [H.parkedBehind]: parkedBehind } : {}),
      },
    });
    await fx.producer.send({
      topic: dlq,
      messages: [
        letter(head, 1),
        letter(other, 2),
        letter(p1, 3, idOf(head)),
        letter(p2, 5, idOf(head)),
      ],
    });
    const row = (m: Message, offset: number) => ({
      consumer_group: group,
      topic: source,
      message_key: 'order-7',
      event_id: idOf(m),
      head_event_id: idOf(head),
      partition: 0,
      offset,
    });
    await db('inbox_parked').insert([row(head, 1), row(p1, 3), row(p2, 5)]);
    return { source, group, dlq, head, other, p1, p2 };
  }

  const env = () => ({ OPS_DATABASE_URL: ops.url });

  it('lists the blocked key with its head and how many wait behind it', async () => {
    const { group, head } = await blockedKey();

    const run = await runCli([
      '--json',
      'dlq',
      'parked',
      '--database-url',
      service.url,
      '--group',
      group,
    ]);

    expect(run.code).toBe(0);
    expect(run.json<ParkedJson>().blockedKeys).toEqual([
      expect.objectContaining({ messageKey: 'order-7', headEventId: idOf(head), parked: 2 }),
    ]);
  });

  it('redrives the parked letters along with a selected head, head first', async () => {
    const { source, dlq, head, p1, p2 } = await blockedKey();

    const run = await runCli(
      ['--json', 'dlq', 'redrive', dlq, '--header', `event-id=${idOf(head)}`, '--execute'],
      env(),
    );

    expect(run.code).toBe(0);
    expect(run.json<ParkedJson>().result?.published).toBe(3);
    expect((await readTopic(fx.kafka, source)).map(eventIdOf)).toEqual([head, p1, p2].map(idOf));
  });

  it('discards a head: dry run changes nothing; --execute releases the key and redrives the parked ones in order', async () => {
    const { source, group, dlq, head, p1, p2 } = await blockedKey();
    const args = [
      '--json',
      'dlq',
      'discard',
      dlq,
      '--event-id',
      idOf(head),
      '--database-url',
      service.url,
    ];

    const dry = await runCli(args, env());
    expect(dry.code).toBe(0);
    expect(dry.json<ParkedJson>()).toMatchObject({ executed: false, dryRun: { selected: 2 } });
    expect(await db('inbox_parked').where({ consumer_group: group }).count()).toEqual([
      { count: '3' },
    ]);

    const run = await runCli([...args, '--execute'], env());
    expect(run.code).toBe(0);
    expect(run.json<ParkedJson>()).toMatchObject({
      executed: true,
      released: 3,
      result: { published: 2 },
    });
    expect(await db('inbox_parked').where({ consumer_group: group }).count()).toEqual([
      { count: '0' },
    ]);
    expect((await readTopic(fx.kafka, source)).map(eventIdOf)).toEqual([p1, p2].map(idOf));
  });

  it('refuses to discard a dead letter no key waits behind (exit 2)', async () => {
    const { dlq, other } = await blockedKey();

    const run = await runCli(
      ['--json', 'dlq', 'discard', dlq, '--event-id', idOf(other), '--database-url', service.url],
      env(),
    );

    expect(run.code).toBe(2);
    expect(run.json<ParkedJson>().error?.code).toBe('NOT_FOUND');
  });
});
