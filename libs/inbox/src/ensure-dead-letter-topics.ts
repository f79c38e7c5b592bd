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
  try {
    const existing = new Set(await admin.listTopics());
    const sources = topics.filter((t) => existing.has(t));
    const missing = sources.filter((t) => !existing.has(deadLetterTopic(t, groupId)));
    if (!missing.length) return;
    const { topics: meta } = await admin.fetchTopicMetadata({ topics: missing });
    await admin.createTopics({
      waitForLeaders: true,
      topics: meta.map((m) => ({
        topic: deadLetterTopic(m.name, groupId),
        numPartitions: m.partitions.length,
      })),
    });
    logger.info({ topics: missing.map((t) => deadLetterTopic(t, groupId)) }, 'created DLQ topics');
  } finally {
    await admin.disconnect();
  }
}
