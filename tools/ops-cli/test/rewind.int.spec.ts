import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@o2c/testing';
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
      expect(result.audit).toMatchObject({
        actor: 'sre-test',
        command: 'rewind',
        result: 'ok',
        counts: { redelivered: 10 },
      });
      expect(await committed()).toBe('0');
    });
  });
});
