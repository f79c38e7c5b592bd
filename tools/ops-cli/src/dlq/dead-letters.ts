import type { Kafka, KafkaMessage } from 'kafkajs';
import { eventIdOf, eventTypeOf, headerValue } from '@o2c/kafka';
import type { OpsContext } from '../context';
import { DlqHeaders, parseDlqTopic } from '../contracts';
import { topicBounds } from '../kafka/offsets';
import { readPartitions } from '../kafka/read-partitions';
import { failedAt } from '../replay/selector';

export interface DeadLetterView {
  partition: number;
  offset: string;
  key: string | null;
  eventId: string | null;
  eventType: string | null;
  reason: string | null;
  errorClass: string | null;
  errorMessage: string | null;
  attempts: number | null;
  origin: string | null;
  failedAt: string;
  ageSeconds: number;
}

export function viewOf(partition: number, m: KafkaMessage, now: number): DeadLetterView {
  const h = (name: string) => headerValue(m.headers, name) ?? null;
  const attempts = h(DlqHeaders.attempts);
  const origin = h(DlqHeaders.originTopic);
  const failed = failedAt(m);
  return {
    partition,
    offset: m.offset,
    key: m.key?.toString() ?? null,
    eventId: eventIdOf(m.headers) ?? null,
    eventType: eventTypeOf(m.headers) ?? null,
    reason: h(DlqHeaders.reason),
    errorClass: h(DlqHeaders.errorClass),
    errorMessage: h(DlqHeaders.errorMessage),
    attempts: attempts === null ? null : Number(attempts),
    origin: origin && `${origin}/${h(DlqHeaders.originPartition)}/${h(DlqHeaders.originOffset)}`,
    failedAt: new Date(failed).toISOString(),
    ageSeconds: Math.max(0, Math.round((now - failed) / 1000)),
  };
}

/** Dead-letter topics (`<topic>.dlq.<group>`), optionally of one source topic or group. */
export async function listDlqTopics(
  ctx: OpsContext,
  filter: { topic?: string; group?: string },
): Promise<string[]> {
  const topics = await (await ctx.admin()).listTopics();
  return topics
    .filter((name) => {
      const parsed = parseDlqTopic(name);
      if (!parsed) return false;
      return (
        (!filter.topic || parsed.topic === filter.topic) &&
        (!filter.group || parsed.group === filter.group)
      );
    })
    .sort();
}

/** Reads dead letters from `from` (per partition, default the log start), at most `limit` each. */
export async function readDeadLetters(
  kafka: Kafka,
  ctx: OpsContext,
  topic: string,
  options: { from?: number; limit: number; now?: number },
): Promise<DeadLetterView[]> {
  const bounds = await topicBounds(await ctx.admin(), topic);
  const ranges = new Map(
    bounds.map((b) => {
      const start = Math.max(b.low, options.from ?? b.low);
      return [b.partition, { start, end: Math.min(b.high, start + options.limit) }] as const;
    }),
  );
  const now = options.now ?? Date.now();
  const letters: DeadLetterView[] = [];
  await readPartitions({
    kafka,
    topic,
    ranges,
    timeoutMs: 30_000,
    onBatch: ({ partition, messages }) =>
      void letters.push(...messages.map((m) => viewOf(partition, m, now))),
  });
  return letters.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}
