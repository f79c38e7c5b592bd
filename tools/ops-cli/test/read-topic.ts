import { headerValue } from '@o2c/kafka';
import { uniqueName, waitFor } from '@o2c/testing';
import type { Kafka, KafkaMessage } from 'kafkajs';

export type ReadMessage = KafkaMessage & { partition: number };

/**
 * Everything a read_committed consumer sees on a topic, read to the current end of every
 * partition (an independent reader: plain kafkajs consumer, not the tool's own reader).
 */
export async function readTopic(kafka: Kafka, topic: string): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]),
  );
  await admin.disconnect();
  const position = new Map([...ends.keys()].map((p) => [p, 0]));
  const seen: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('verify'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) seen.push({ ...m, partition: batch.partition });
      position.set(batch.partition, Number(batch.lastOffset()) + 1);
      await Promise.resolve();
    },
  });
  try {
    await waitFor(
      () =>
        [...ends].every(([p, end]) => (position.get(p) ?? 0) >= end || end === 0)
          ? true
          : undefined,
      { timeoutMs: 30_000, what: `the end of ${topic}` },
    );
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

export const eventIdOf = (m: KafkaMessage): string | undefined =>
  headerValue(m.headers, 'event-id');

export function duplicatesAndGaps(expected: string[], seen: KafkaMessage[]) {
  const counts = new Map<string, number>();
  for (const m of seen) {
    const id = eventIdOf(m) ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return {
    duplicates: [...counts.values()].filter((n) => n > 1).length,
    gaps: expected.filter((id) => !counts.has(id)).length,
  };
}
