import { createDb } from '@o2c/db';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@o2c/testing';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { runCli, startCli } from './cli';
import { duplicatesAndGaps, readTopic } from './read-topic';

describe('o2c-ops replay, killed and resumed', () => {
  let fx: KafkaFixture;
  let db: TestDatabase;
  beforeAll(async () => {
    fx = await createKafkaFixture();
    db = await createTestDatabase('ops_resume');
  });
  afterAll(async () => {
    await fx.close();
    await db.drop();
  });

  it('yields no gap and no duplicate for a read_committed reader', async () => {
    const env = { OPS_DATABASE_URL: db.url };
    const source = await fx.createTopic('resume-src', 2);
    const target = await fx.createTopic('resume-dst', 2);
    const events = Array.from({ length: 150 }, () => buildEvent());
    await fx.producer.send({ topic: source, messages: events });
    const replayId = uniqueName('replay');

    const slow = startCli(
      [
        'replay',
        '-t',
        source,
        '--from',
        '10m',
        '--target',
        target,
        '--rate',
        '30',
        '--id',
        replayId,
        '--execute',
      ],
      env,
    );
    const endOf = async () =>
      (await fx.admin.fetchTopicOffsets(target)).reduce((sum, p) => sum + Number(p.high), 0);
    await waitFor(async () => ((await endOf()) >= 30 ? true : undefined), {
      timeoutMs: 40_000,
      what: 'the replay to be under way',
    });
    slow.child.kill('SIGKILL');
    expect(await slow.exited).toBe('SIGKILL');
    const beforeResume = await readTopic(fx.kafka, target);
    const resumed = await runCli(['--json', 'replay', '--resume', replayId, '--execute'], env);

    expect(beforeResume.length).toBeGreaterThan(0);
    expect(beforeResume.length).toBeLessThan(events.length);
    expect(resumed.code).toBe(0);
    expect(
      resumed.json<{ result: { resumed: boolean; published: number } }>().result,
    ).toMatchObject({
      resumed: true,
      published: events.length,
    });
    const seen = await readTopic(fx.kafka, target);
    const expected = events.map((e) => e.headers!['event-id'] as string);
    expect(duplicatesAndGaps(expected, seen)).toEqual({ duplicates: 0, gaps: 0 });
    expect(seen).toHaveLength(events.length);
    // The killed run stays visible in the audit log as 'running'; the resume as 'ok'.
    const audit = createDb(db.url);
    try {
      const rows = await audit<{ result: string; job_id: string | null }>('ops_audit')
        .orderBy('id')
        .select('result', 'job_id');
      expect(rows).toEqual([
        { result: 'running', job_id: null },
        { result: 'ok', job_id: replayId },
      ]);
    } finally {
      await audit.destroy();
    }
  });
});
