import { topicCatalogue } from '@o2c/contracts';
import type { Kafka } from 'kafkajs';

/** A dead-letter partition's end offset: how many letters it ever received (the DLQ producer is not transactional). */
export interface DeadLetterOffset {
  topic: string;
  /** The topic whose dead letters these are, without the prefix. */
  source: string;
  partition: number;
  high: number;
}

/**
 * Lists the dead-letter topics (`<prefix><topic>.dlq.<group>`) and reads their end offsets. The
 * list is read again on every call, so topics created since (a first dead letter) are counted.
 * Only the dead letters of catalogued topics: another environment's prefixed topics on the same
 * cluster are not ours.
 */
export async function readDeadLetterOffsets(
  kafka: Kafka,
  prefix: string,
): Promise<DeadLetterOffset[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter(
      (t) => t.startsWith(prefix) && t.includes('.dlq.'),
    );
    const sourceOf = (topic: string) => topic.slice(prefix.length, topic.indexOf('.dlq.'));
    const offsets = await Promise.all(
      topics
        .filter((t) => sourceOf(t) in topicCatalogue)
        .map(async (topic) => {
          const source = sourceOf(topic);
          const partitions = await admin.fetchTopicOffsets(topic);
          return partitions.map((p) => ({
            topic,
            source,
            partition: p.partition,
            high: Number(p.high),
          }));
        }),
    );
    return offsets.flat();
  } finally {
    await admin.disconnect();
  }
}
