import { ensureTopics } from '@o2c/kafka';
import type { Logger } from '@o2c/observability';
import type { Kafka } from 'kafkajs';
import { deadLetterTopic } from './dead-letter';

/**
 * Creates `<topic>.dlq.<group>` with as many partitions as its source, so dead letters keep
 * the per-key partitioning. A source that does not exist yet is left to broker auto-creation.
 */
export async function ensureDeadLetterTopics(
  kafka: Kafka,
  topics: string[],
  groupId: string,
  logger: Logger,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let sources: Array<{ name: string; partitions: unknown[] }>;
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.filter((t) => existing.has(t));
    sources = wanted.length ? (await admin.fetchTopicMetadata({ topics: wanted })).topics : [];
  } finally {
    await admin.disconnect();
  }
  const created = await ensureTopics(
    kafka,
    sources.map((m) => ({
      topic: deadLetterTopic(m.name, groupId),
      numPartitions: m.partitions.length,
    })),
  );
  if (created.length) logger.info({ topics: created }, 'created DLQ topics');
}
