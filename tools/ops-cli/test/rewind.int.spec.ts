import { createDb, runMigrations } from '@o2c/db';
import { declareInboxRetention, inboxMigrations } from '@o2c/inbox';
import {
  createTestDatabase,
  testInfra,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@o2c/testing';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { runCli } from './cli';

interface RewindJson {
  executed: boolean;
  plan: {
    totalRedelivered: number;
    partitions: { partition: number; current: number; target: number }[];
  };
  audit?: { actor: string; command: string; result: string; counts: { redelivered: number } };
  error?: { code: string; message: string };
}

describe('o2c-ops rewind', () => {
  let fx: KafkaFixture;
  let db: TestDatabase;
  let env: Record<string, string>;
  let topic: string;
  let group: string;

  const committed = async () =>
    (await fx.admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]!.partitions
      .map((p) => Number(p.offset))
      .join(',');

  beforeAll(async () => {
    fx = await createKafkaFixture();
    db = await createTestDatabase('ops_rewind');
    env = { OPS_DATABASE_URL: db.url };
    topic = await fx.createTopic('rewind', 1);
    group = uniqueName('rewind-group');
    await fx.producer.send({ topic, messages: Array.from({ length: 10 }, () => buildEvent()) });
    await fx.admin.setOffsets({
      groupId: group,
      topic,
      partitions: [{ partition: 0, offset: '10' }],
    });
  });
  afterAll(async () => {
    await fx.close();
    await db.drop();
  });

  describe('without --execute', () => {
    it('prints the plan and changes nothing', async () => {
      const run = await runCli(
        ['--json', 'rewind', '-g', group, '-t', topic, '--to', 'offset 4'],
        env,
      );

      expect(run.code).toBe(0);
      const result = run.json<RewindJson>();
      expect(result.executed).toBe(false);
      expect(result.plan.partitions).toEqual([
        { partition: 0, current: 10, target: 4, redelivered: 6 },
      ]);
      expect(await committed()).toBe('10');
    });
  });

  describe('while the group has an active member', () => {
    it('refuses with exit code 2 and says how to stop it', async () => {
      const consumer = fx.kafka.consumer({ groupId: group });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic] });
      let joined = false;
      consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
      await consumer.run({ eachMessage: async () => {} });
      try {
        await waitFor(() => (joined ? true : undefined), { what: 'the member to join' });
        const run = await runCli(
          ['--json', 'rewind', '-g', group, '-t', topic, '--to', 'earliest', '--execute'],
          env,
        );

        expect(run.code).toBe(2);
        expect(run.json<RewindJson>().error).toMatchObject({ code: 'REFUSED' });
        expect(run.json<RewindJson>().error?.message).toMatch(/Stop its consumers/);
      } finally {
        await consumer.disconnect();
      }
    });
  });

  describe('with --execute on an inactive group', () => {
    it('moves the offsets and records an audit row', async () => {
      const run = await runCli(
        [
          '--json',
          '--actor',
          'sre-test',
          'rewind',
          '-g',
          group,
          '-t',
          topic,
          '--to',
          'earliest',
          '--execute',
        ],
        env,
      );

      expect(run.code).toBe(0);
      const result = run.json<RewindJson>();
      expect(result.executed).toBe(true);
      expect(result.audit?.actor).toMatch(/^sre-test via os:\S+$/);
      expect(result.audit).toMatchObject({
        command: 'rewind',
        result: 'ok',
        counts: { redelivered: 10 },
      });
      expect(await committed()).toBe('0');
    });

    it('audits the Kafka principal it authenticated as, through the SASL listener', async () => {
      const [host, port] = (testInfra.brokers[0] ?? '').split(':');
      const run = await runCli(
        ['--json', 'rewind', '-g', group, '-t', topic, '--to', 'earliest', '--execute'],
        {
          ...env,
          KAFKA_BROKERS: `${host}:${Number(port) + 2}`,
          KAFKA_SASL_MECHANISM: 'scram-sha-512',
          KAFKA_SASL_PASSWORD: 'o2c-admin-local-secret',
        },
      );
      expect(run.code).toBe(0);
      expect(run.json<RewindJson>().audit).toMatchObject({
        actor: 'kafka:o2c-admin',
        result: 'ok',
      });
    });
  });

  describe('when the target lies before the group’s dedupe horizon', () => {
    let oldTopic: string;
    let oldGroup: string;
    const hoursAgo = (h: number) => Date.now() - h * 3_600_000;
    beforeAll(async () => {
      oldTopic = await fx.createTopic('rewind-old', 1);
      oldGroup = uniqueName('rewind-old-group');
      await fx.producer.send({
        topic: oldTopic,
        messages: [
          buildEvent({ timestamp: hoursAgo(30) }),
          buildEvent({ timestamp: hoursAgo(2) }),
          buildEvent({ timestamp: hoursAgo(0) }),
        ],
      });
      await fx.admin.setOffsets({
        groupId: oldGroup,
        topic: oldTopic,
        partitions: [{ partition: 0, offset: '3' }],
      });
    });
    const rewindOld = (to: string, ...extra: string[]) =>
      runCli(['--json', 'rewind', '-g', oldGroup, '-t', oldTopic, '--to', to, ...extra], env);

    it('refuses with exit code 2 unless --force, and moves nothing', async () => {
      const refused = await rewindOld('earliest', '--dedupe-window', '1d', '--execute');
      const inside = await rewindOld('offset 1', '--dedupe-window', '1d');
      const forced = await rewindOld('earliest', '--dedupe-window', '1d', '--force');

      expect(refused.code).toBe(2);
      expect(refused.json<RewindJson>().error).toMatchObject({ code: 'REFUSED' });
      expect(refused.json<RewindJson>().error?.message).toMatch(/dedupe window/);
      expect(inside.code).toBe(0);
      expect(forced.code).toBe(0);
      expect(forced.json<RewindJson>().plan.totalRedelivered).toBe(3);
      const [offsets] = await fx.admin.fetchOffsets({ groupId: oldGroup, topics: [oldTopic] });
      expect(offsets!.partitions[0]!.offset).toBe('3');
    });

    it('takes the horizon from the inbox retention the group declared (--service)', async () => {
      const serviceDb = await createTestDatabase('o2c_svc');
      const db = createDb(serviceDb.url);
      try {
        await runMigrations(db, inboxMigrations);
        await declareInboxRetention(db, oldGroup, 3_600_000);
        const service = serviceDb.name.replace(/^o2c_/, '');

        const run = await rewindOld('offset 1', '--service', service);

        expect(run.code).toBe(2);
        expect(run.json<RewindJson>().error?.message).toContain(`inbox of ${service}:${oldGroup}`);
      } finally {
        await db.destroy();
        await serviceDb.drop();
      }
    });
  });
});
