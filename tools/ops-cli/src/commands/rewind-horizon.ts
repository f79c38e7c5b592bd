import type { Kafka } from 'kafkajs';
import { readPartitions, type OffsetRange } from '../kafka/read-partitions';

/**
 * The timestamp of the oldest message a rewind would deliver again: the first committed message
 * at or after each partition's target, below its current position. Undefined when none.
 */
export async function oldestRedelivered(
  kafka: Kafka,
  topic: string,
  partitions: ReadonlyArray<{ partition: number; from: number; target: number }>,
): Promise<number | undefined> {
  const ranges = new Map<number, OffsetRange>();
  for (const p of partitions)
    if (p.target < p.from) ranges.set(p.partition, { start: p.target, end: p.from });
  let oldest: number | undefined;
  await readPartitions({
    kafka,
    topic,
    ranges,
    onBatch({ messages }) {
      const first = messages[0];
      if (!first) return false;
      const at = Number(first.timestamp);
      oldest = oldest === undefined ? at : Math.min(oldest, at);
      return true;
    },
  });
  return oldest;
}
