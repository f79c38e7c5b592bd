import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Broker default when omitted (default.replication.factor). */
  replicationFactor?: number;
  configEntries?: Array<{ name: string; value: string }>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first topic that has a partition without a leader (or is not known yet), if any. */
async function leaderless(admin: Admin, topics: string[]): Promise<string | undefined> {
  try {
    const { topics: meta } = await admin.fetchTopicMetadata({ topics });
    return meta.find((t) => !t.partitions.length || t.partitions.some((p) => p.leader < 0))?.name;
  } catch (error) {
    // A topic just created may be unknown to the broker answering metadata for a moment.
    if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION')
      return topics.join(', ');
    throw error;
  }
}

/**
 * Creates the topics that do not exist yet and waits until every partition of every topic has a
 * leader, so a consumer never subscribes to a topic the broker is still creating ("does not host
 * this topic-partition"). Safe when several processes create the same topics at once: a topic
 * another process created in the meantime is simply waited for. Existing topics are left as they
 * are. Returns the topics this call created.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly TopicSpec[],
  { leaderTimeoutMs = 30_000 } = {},
): Promise<string[]> {
  if (!topics.length) return [];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    const created: string[] = [];
    // One at a time: kafkajs fails a whole request when one of its topics already exists.
    for (const spec of missing) {
      if (await admin.createTopics({ waitForLeaders: false, topics: [spec] }))
        created.push(spec.topic);
    }
    const names = topics.map((t) => t.topic);
    const deadline = Date.now() + leaderTimeoutMs;
    for (let waiting = await leaderless(admin, names); waiting;) {
      if (Date.now() > deadline) throw new Error(`topic ${waiting} has no leader yet`);
      await pause(200);
      waiting = await leaderless(admin, names);
    }
    return created;
  } finally {
    await admin.disconnect();
  }
}
