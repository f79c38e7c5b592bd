import { DeadLetterHeaders, deadLetterTopic } from '@o2c/inbox';
import { headerValue, ensureTopics } from '@o2c/kafka';
import { createTestDatabase, uniqueName, type TestDatabase } from '@o2c/testing';
import type { Message } from 'kafkajs';
import { buildEvent, createKafkaFixture, type KafkaFixture } from './kafka-fixture';
import { runCli } from './cli';
import { eventIdOf, readTopic } from './read-topic';

const H = DeadLetterHeaders;

/** A dead letter as libs/inbox writes it: the original message plus the dlq-* headers. */
function deadLetter(
  source: string,
  offset: number,
  errorClass: string,
  reason = 'permanent',
): Message {
  const original = buildEvent({ key: `order-${offset}` });
  return {
    ...original,
    headers: {
      ...original.headers,
      [H.reason]: reason,
      [H.errorClass]: errorClass,
      [H.errorMessage]: `${errorClass} while handling`,
      [H.attempts]: reason === 'exhausted' ? '5' : '1',
      [H.originTopic]: source,
      [H.originPartition]: '0',
      [H.originOffset]: String(offset),
      [H.failedAt]: new Date(Date.now() - 3_600_000).toISOString(),
      [H.consumerGroup]: 'billing',
    },
  };
}

interface DlqJson {
  dlqs?: { topic: string; count: number; reasons: Record<string, number>; maxAttempts: number }[];
  deadLetters?: {
    offset: string;
    reason: string;
    attempts: number;
    origin: string;
    ageSeconds: number;
  }[];
  dryRun?: { selected: number; skipped: { duplicate: number; filtered: number } };
  result?: { published: number };
  audit?: { command: string; result: string };
}

describe('o2c-ops dlq', () => {
  let fx: KafkaFixture;
  let db: TestDatabase;
  let source: string;
  let dlq: string;
  let letters: Message[];
  beforeAll(async () => {
    fx = await createKafkaFixture();
    db = await createTestDatabase('ops_dlq');
    source = await fx.createTopic('dlq-src', 1);
    dlq = deadLetterTopic(source, uniqueName('billing'));
    await ensureTopics(fx.kafka, [{ topic: dlq, numPartitions: 1 }]);
    letters = [
      deadLetter(source, 1, 'SkuNotFoundError'),
      deadLetter(source, 2, 'SkuNotFoundError'),
      deadLetter(source, 3, 'TimeoutError', 'exhausted'),
      deadLetter(source, 4, 'SkuNotFoundError'),
      deadLetter(source, 5, 'TimeoutError', 'exhausted'),
    ];
    // At-least-once dead-lettering: the first letter was published twice.
    await fx.producer.send({ topic: dlq, messages: [...letters, letters[0]!] });
  });
  afterAll(async () => {
    await fx.admin.deleteTopics({ topics: [dlq] }).catch(() => undefined);
    await fx.close();
    await db.drop();
  });

  it('lists dead-letter topics with count, attempts and reasons', async () => {
    const run = await runCli(['--json', 'dlq', 'list', '--topic', source]);

    expect(run.code).toBe(0);
    expect(run.json<DlqJson>().dlqs).toEqual([
      expect.objectContaining({
        topic: dlq,
        count: 6,
        maxAttempts: 5,
        reasons: { 'permanent SkuNotFoundError': 4, 'exhausted TimeoutError': 2 },
      }),
    ]);
  });

  it('shows dead letters with reason, attempts, origin and age', async () => {
    const run = await runCli(['--json', 'dlq', 'show', dlq, '--offset', '2', '--limit', '2']);

    expect(run.code).toBe(0);
    const shown = run.json<DlqJson>().deadLetters!;
    expect(shown.map((l) => l.offset)).toEqual(['2', '3']);
    expect(shown[0]).toMatchObject({ reason: 'exhausted', attempts: 5, origin: `${source}/0/3` });
    expect(shown[0]!.ageSeconds).toBeGreaterThanOrEqual(3599);
  });

  it('redrives the selected dead letters once each to their source topic', async () => {
    const env = { OPS_DATABASE_URL: db.url };
    const args = [
      '--json',
      'dlq',
      'redrive',
      dlq,
      '--reason',
      'SkuNotFound',
      '--older-than',
      '30m',
    ];

    const dry = await runCli(args, env);
    const run = await runCli([...args, '--execute'], env);

    expect(dry.json<DlqJson>().dryRun).toMatchObject({
      selected: 3,
      skipped: { duplicate: 1, filtered: 2 },
    });
    expect(run.code).toBe(0);
    expect(run.json<DlqJson>().result?.published).toBe(3);
    expect(run.json<DlqJson>().audit).toMatchObject({ command: 'dlq redrive', result: 'ok' });
    const redriven = await readTopic(fx.kafka, source);
    expect(redriven.map(eventIdOf).sort()).toEqual(
      [letters[0]!, letters[1]!, letters[3]!].map((l) => l.headers!['event-id']).sort(),
    );
    const headers = Object.keys(redriven[0]!.headers ?? {});
    expect(headers.filter((h) => h.startsWith('dlq-'))).toEqual([]);
    expect(headerValue(redriven[0]!.headers, 'redrive-count')).toBe('1');
  });
});
