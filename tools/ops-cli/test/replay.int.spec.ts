import { createDb, runMigrations } from '@o2c/db';
import { declareInboxRetention, inboxMigrations } from '@o2c/inbox';
import { headerValue } from '@o2c/kafka';
import { createTestDatabase, type TestDatabase } from '@o2c/testing';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { runCli } from './cli';
import { eventIdOf, readTopic } from './read-topic';

interface ReplayJson {
  replayId: string;
  dryRun?: {
    selected: number;
    skipped: { 'loop-guard': number; filtered: number };
    byType: Record<string, number>;
  };
  result?: { published: number; skipped: number; resumed: boolean };
  audit?: { result: string; counts: { published: number } };
  error?: { code: string; message: string };
}

describe('o2c-ops replay', () => {
  let fx: KafkaFixture;
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    fx = await createKafkaFixture();
    db = await createTestDatabase('ops_replay');
    env = { OPS_DATABASE_URL: db.url };
  });
  afterAll(async () => {
    await fx.close();
    await db.drop();
  });

  describe('with type and key filters', () => {
    it('publishes exactly what the dry run counted, preserving key, value and headers', async () => {
      const source = await fx.createTopic('replay-src', 3);
      const target = await fx.createTopic('replay-dst', 2);
      const events = [
        ...Array.from({ length: 30 }, (_, i) =>
          buildEvent({ key: `order-${i % 6}`, type: 'OrderAccepted' }),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          buildEvent({ key: `order-${i % 6}`, type: 'OrderRejected' }),
        ),
      ];
      await fx.producer.send({ topic: source, messages: events });
      const args = [
        'replay',
        '-t',
        source,
        '--from',
        '10m',
        '--target',
        target,
        '--type',
        'OrderAccepted',
        '-k',
        'order-1',
        '-k',
        'order-2',
      ];

      const dry = await runCli(['--json', ...args], env);
      const run = await runCli(['--json', ...args, '--execute'], env);

      expect(dry.code).toBe(0);
      expect(run.code === 0 ? 0 : run.output).toBe(0);
      const planned = dry.json<ReplayJson>().dryRun!;
      expect(planned.selected).toBe(10);
      expect(planned.byType).toEqual({ OrderAccepted: 10 });
      expect(run.json<ReplayJson>().result?.published).toBe(planned.selected);
      expect(run.json<ReplayJson>().audit).toMatchObject({
        result: 'ok',
        counts: { published: 10 },
      });
      const copies = await readTopic(fx.kafka, target);
      expect(copies).toHaveLength(10);
      const original = events.find((e) => e.headers!['event-id'] === eventIdOf(copies[0]!))!;
      expect(copies[0]!.key?.toString()).toBe(original.key);
      expect(copies[0]!.value).toEqual(original.value);
      expect(headerValue(copies[0]!.headers, 'event-type')).toBe('OrderAccepted');
      expect(headerValue(copies[0]!.headers, 'replay-id')).toBe(run.json<ReplayJson>().replayId);
      expect(headerValue(copies[0]!.headers, 'replay-count')).toBe('1');
      expect(headerValue(copies[0]!.headers, 'replay-origin')).toMatch(
        new RegExp(`^${source}/\\d/\\d+$`),
      );
    });
  });

  describe('when the source holds replayed messages', () => {
    it('skips them (loop guard) unless --allow-replayed', async () => {
      const source = await fx.createTopic('loop-src', 1);
      const target = await fx.createTopic('loop-dst', 1);
      await fx.producer.send({
        topic: source,
        messages: [
          buildEvent(),
          buildEvent(),
          buildEvent({ headers: { 'replay-id': 'replay-earlier', 'replay-count': '1' } }),
        ],
      });
      const args = ['--json', 'replay', '-t', source, '--from', '10m', '--target', target];

      const guarded = await runCli([...args, '--execute'], env);
      const allowed = await runCli([...args, '--allow-replayed'], env);

      expect(guarded.json<ReplayJson>().result).toMatchObject({ published: 2, skipped: 1 });
      const copies = await readTopic(fx.kafka, target);
      expect(copies.map((c) => headerValue(c.headers, 'replay-count'))).toEqual(['1', '1']);
      expect(allowed.json<ReplayJson>().dryRun).toMatchObject({
        selected: 3,
        skipped: { 'loop-guard': 0 },
      });
    });
  });

  describe('when the range is older than the inbox dedupe window', () => {
    it('refuses with exit code 2 unless --force', async () => {
      const run = await runCli(
        [
          '--json',
          'replay',
          '-t',
          'any',
          '--from',
          '2d',
          '--target',
          'any',
          '--dedupe-window',
          '1d',
        ],
        env,
      );

      expect(run.code).toBe(2);
      expect(run.json<ReplayJson>().error).toMatchObject({ code: 'REFUSED' });
      expect(run.json<ReplayJson>().error?.message).toMatch(/dedupe window/);
    });

    it("uses a consumer's declared inbox retention when --consumer names it", async () => {
      const serviceDb = await createTestDatabase('o2c_svc');
      const db = createDb(serviceDb.url);
      try {
        await runMigrations(db, inboxMigrations);
        await declareInboxRetention(db, 'billing', 3_600_000);
        const service = serviceDb.name.replace(/^o2c_/, '');

        const run = await runCli(
          [
            '--json',
            'replay',
            '-t',
            'any',
            '--from',
            '2h',
            '--target',
            'any',
            '--consumer',
            `${service}:billing`,
          ],
          env,
        );

        expect(run.code).toBe(2);
        expect(run.json<ReplayJson>().error?.message).toContain(`inbox of ${service}:billing`);
      } finally {
        await db.destroy();
        await serviceDb.drop();
      }
    });
  });
});
