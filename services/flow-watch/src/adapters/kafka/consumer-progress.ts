import type { Kafka } from 'kafkajs';
import type { ConsumerProgress } from '../../app/flow-deps';

/**
 * How far the service's consumer group has come on the consumed topics, against the topics' end
 * offsets: its offsets are committed after the database, so a group whose committed offsets
 * reach a snapshot has every event written before that snapshot in its buckets.
 */
export function consumerProgress(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): ConsumerProgress {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  const connect = () =>
    (connected ??= admin.connect().catch((err: unknown) => {
      connected = undefined;
      throw err;
    }));
  return {
    async snapshot() {
      await connect();
      const ends = new Map<string, number>();
      for (const topic of topics)
        for (const p of await admin.fetchTopicOffsets(topic))
          ends.set(`${topic}/${p.partition}`, Number(p.high));
      return ends;
    },
    async reached(snapshot) {
      await connect();
      const committed = new Map<string, number>();
      for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] }))
        for (const p of t.partitions) committed.set(`${t.topic}/${p.partition}`, Number(p.offset));
      // A transaction's commit marker takes an offset the group may not commit until its next fetch:
      // one short of the end is caught up.
      return [...snapshot].every(([tp, end]) => end === 0 || (committed.get(tp) ?? -1) >= end - 1);
    },
    async close() {
      if (connected) await admin.disconnect();
    },
  };
}
