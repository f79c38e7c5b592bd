import type { Kafka } from 'kafkajs';

/**
 * Creates the topics that do not exist yet and waits for their leaders, so a consumer never
 * subscribes to a topic the broker is still auto-creating ("does not host this topic-partition").
 * Existing topics are left as they are.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: ReadonlyArray<{ topic: string; numPartitions: number }>,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: [...missing] });
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
