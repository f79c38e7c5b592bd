import type { Kafka } from 'kafkajs';

/**
 * Messages of `topics` a consumer group has not committed yet (log end − committed, summed over
 * partitions; a partition the group never committed counts whole). 0 means the group has
 * consumed everything written so far: the condition a test waits on instead of a sleep.
 */
export async function groupLag(kafka: Kafka, groupId: string, topics: string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    let lag = 0;
    for (const topic of topics) {
      const done = committed.find((t) => t.topic === topic)?.partitions ?? [];
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
        const offset = Number(done.find((p) => p.partition === partition)?.offset ?? -1);
        lag += Math.max(0, Number(high) - Math.max(offset, 0));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
