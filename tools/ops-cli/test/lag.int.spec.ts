import { uniqueName } from '@o2c/testing';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { runCli } from './cli';

interface LagJson {
  groups: {
    groupId: string;
    totalLag: number;
    partitions: { partition: number; committed: number; lag: number; lagSeconds: number }[];
  }[];
}

describe('o2c-ops lag', () => {
  let fx: KafkaFixture;
  beforeAll(async () => (fx = await createKafkaFixture()));
  afterAll(() => fx.close());

  describe('when a group committed part of a partition', () => {
    it('reports lag in messages and the age of the oldest unconsumed message', async () => {
      const topic = await fx.createTopic('lag');
      const group = uniqueName('lag-group');
      const oldest = Date.now() - 120_000;
      await fx.producer.send({
        topic,
        messages: [
          ...Array.from({ length: 10 }, (_, i) =>
            buildEvent({ partition: 0, timestamp: oldest - 1000 * (4 - i) }),
          ),
          ...Array.from({ length: 5 }, () => buildEvent({ partition: 1 })),
        ],
      });
      await fx.admin.setOffsets({
        groupId: group,
        topic,
        partitions: [
          { partition: 0, offset: '4' },
          { partition: 1, offset: '5' },
        ],
      });

      const run = await runCli(['--json', 'lag', '--group', group]);

      expect(run.code).toBe(0);
      const [lag] = run.json<LagJson>().groups;
      expect(lag?.totalLag).toBe(6);
      const [p0, p1] = lag!.partitions;
      expect(p0).toMatchObject({ partition: 0, committed: 4, lag: 6 });
      // The message at offset 4 was stamped at `oldest`.
      expect(p0!.lagSeconds).toBeGreaterThanOrEqual(119);
      expect(p0!.lagSeconds).toBeLessThan(180);
      expect(p1).toMatchObject({ partition: 1, committed: 5, lag: 0, lagSeconds: 0 });
    });
  });

  describe('when a live group is stuck on its very first message', () => {
    it('counts the topic it never committed on', async () => {
      const topic = await fx.createTopic('lag-fresh', 1);
      const group = uniqueName('lag-fresh-group');
      await fx.producer.send({ topic, messages: [buildEvent(), buildEvent(), buildEvent()] });
      const consumer = fx.kafka.consumer({ groupId: group });
      let release = () => {};
      let started = () => {};
      const handling = new Promise<void>((resolve) => (started = resolve));
      try {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachMessage: () => (started(), new Promise<void>((resolve) => (release = resolve))),
        });
        await handling;

        const run = await runCli(['--json', 'lag', '--group', group]);

        expect(run.code).toBe(0);
        const [lag] = run.json<LagJson>().groups;
        expect(lag?.totalLag).toBe(3);
        expect(lag?.partitions).toEqual([
          expect.objectContaining({ partition: 0, committed: -1, lag: 3 }),
        ]);
      } finally {
        release();
        await consumer.disconnect();
      }
    });
  });

  describe('groups', () => {
    it('lists the group with its total lag', async () => {
      const topic = await fx.createTopic('groups', 1);
      const group = uniqueName('groups-group');
      await fx.producer.send({ topic, messages: [buildEvent(), buildEvent(), buildEvent()] });
      await fx.admin.setOffsets({
        groupId: group,
        topic,
        partitions: [{ partition: 0, offset: '1' }],
      });

      // Filtered: the shared test broker holds every other test's groups too.
      const run = await runCli(['--json', 'groups', '--prefix', group]);

      expect(run.code).toBe(0);
      const found = run.json<LagJson>().groups.find((g) => g.groupId === group);
      expect(found?.totalLag).toBe(2);
    });
  });
});
