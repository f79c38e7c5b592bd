import { randomUUID } from 'node:crypto';
import { createDb, runMigrations, type Db } from '@o2c/db';
import { declareInboxRetention, inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';
import { createTestDatabase, uniqueName, type TestDatabase } from '@o2c/testing';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { runCli } from './cli';

interface JobJson {
  result?: { published: number; resumed: boolean };
  error?: { code: string; message: string };
}

/**
 * A job planned inside the consumers' dedupe horizon, whose consumer then purged its inbox past
 * the job's start (what days of waiting before a resume amount to): the resume must refuse.
 */
describe('o2c-ops --resume re-checks the dedupe horizon', () => {
  let fx: KafkaFixture;
  let ops: TestDatabase;
  let service: TestDatabase;
  let db: Db;
  let serviceName: string;
  let env: Record<string, string>;
  const group = 'billing';
  beforeAll(async () => {
    fx = await createKafkaFixture();
    ops = await createTestDatabase('ops_resume_horizon');
    service = await createTestDatabase('o2c_svc');
    serviceName = service.name.replace(/^o2c_/, '');
    db = createDb(service.url);
    await runMigrations(db, [...inboxMigrations, ...outboxMigrations]);
    env = { OPS_DATABASE_URL: ops.url };
  });
  afterAll(async () => {
    await db.destroy();
    await fx.close();
    await Promise.all([ops.drop(), service.drop()]);
  });
  const purgedNow = () =>
    db('inbox_retention').where({ consumer_group: group }).update({ purged_before: new Date() });

  beforeEach(async () => {
    await declareInboxRetention(db, group, 24 * 3_600_000);
    await db('inbox_retention').update({ purged_before: null });
  });

  it('replay: refuses a resume whose range left the horizon, unless --force', async () => {
    const source = await fx.createTopic('horizon-src', 1);
    const target = await fx.createTopic('horizon-dst', 1);
    await fx.producer.send({ topic: source, messages: [buildEvent(), buildEvent()] });
    const id = uniqueName('replay');
    const consumer = ['--consumer', `${serviceName}:${group}`];
    const first = await runCli(
      ['--json', 'replay', '-t', source, '--from', '1h', '--target', target, '--id', id]
        .concat(consumer)
        .concat('--execute'),
      env,
    );
    await purgedNow();

    const refused = await runCli(['--json', 'replay', '--resume', id, '--execute'], env);
    const forced = await runCli(['--json', 'replay', '--resume', id, '--execute', '--force'], env);

    expect(first.code).toBe(0);
    expect(refused.code).toBe(2);
    expect(refused.json<JobJson>().error).toMatchObject({ code: 'REFUSED' });
    expect(refused.json<JobJson>().error?.message).toContain(`inbox of ${serviceName}:${group}`);
    expect(forced.code).toBe(0);
    expect(forced.json<JobJson>().result).toMatchObject({ resumed: true, published: 2 });
  });

  it('replay-outbox: honours the consumer’s retention when planning and on resume', async () => {
    const topic = await fx.createTopic('horizon-outbox', 1);
    await db('outbox').insert(
      [0, 1].map((i) => {
        const eventId = randomUUID();
        return {
          event_id: eventId,
          topic,
          key: 'order-1',
          event_type: 'OrderAccepted',
          schema_version: 1,
          payload: Buffer.from([0, 0, 0, 0, 7, i]),
          headers: JSON.stringify({ 'event-id': eventId }),
          aggregate_sequence: i + 1,
          xid: '1',
          created_at: new Date(Date.now() - 60_000),
        };
      }),
    );
    const id = uniqueName('outbox');
    const args = ['--json', 'replay-outbox', '-s', serviceName, '--database-url', service.url];
    const consumer = ['--consumer', `${serviceName}:${group}`];
    await declareInboxRetention(db, group, 30 * 60_000);
    const tooOld = await runCli([...args, '--from', '1h', ...consumer], env);
    await declareInboxRetention(db, group, 24 * 3_600_000);
    const first = await runCli(
      [...args, '--from', '1h', '--id', id, ...consumer, '--execute'],
      env,
    );
    await purgedNow();

    const refused = await runCli(['--json', 'replay-outbox', '--resume', id, '--execute'], env);

    expect(tooOld.code).toBe(2);
    expect(tooOld.json<JobJson>().error?.message).toContain(`inbox of ${serviceName}:${group}`);
    expect(first.code).toBe(0);
    expect(refused.code).toBe(2);
    expect(refused.json<JobJson>().error).toMatchObject({ code: 'REFUSED' });
  });
});
