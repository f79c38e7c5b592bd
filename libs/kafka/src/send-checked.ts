import {
  Partitioners,
  type Admin,
  type Kafka,
  type PartitionMetadata,
  type ProducerBatch,
  type RecordMetadata,
  type TopicMessages,
} from 'kafkajs';
import { COMPRESSION } from './create-kafka';

/**
 * kafkajs 2.2 retries a multi-broker batch wrongly when a broker dies mid-request
 * (tulios/kafkajs#1303): a partition whose leader moved to a broker that already answered is
 * skipped (its messages are lost), and a request still in flight when another failed is sent
 * again with new sequence numbers (its messages are written twice, in the same transaction).
 */
export class MessagesDroppedError extends Error {
  readonly retriable = true;
  constructor(readonly partitions: string[]) {
    super(`the producer acknowledged a batch without writing to ${partitions.join(', ')}`);
    this.name = 'MessagesDroppedError';
  }
}

type BatchSender = { sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> };

/**
 * Sends a batch one partition at a time, so each kafkajs request (and its retries) goes to a
 * single leader, and checks each partition was acknowledged. Every message must carry its
 * partition (see `createPartitionAssigner`). Throws MessagesDroppedError otherwise; a
 * transactional caller aborts and sends the batch again.
 *
 * `oneRequest` sends the whole batch in one call instead: safe only where kafkajs cannot split
 * it between brokers, a cluster of one broker (`PartitionAssigner.singleBroker`). Each
 * partition is still checked.
 */
export async function sendBatchChecked(
  sender: BatchSender,
  batch: ProducerBatch & { topicMessages: TopicMessages[] },
  { oneRequest = false } = {},
): Promise<RecordMetadata[]> {
  const byPartition = new Map<string, TopicMessages>();
  for (const { topic, messages } of batch.topicMessages)
    for (const m of messages) {
      if (m.partition === undefined) throw new Error(`a message for ${topic} has no partition`);
      const key = `${topic}/${m.partition}`;
      const group = byPartition.get(key) ?? { topic, messages: [] };
      group.messages.push(m);
      byPartition.set(key, group);
    }
  const requests = oneRequest ? [batch.topicMessages] : [...byPartition.values()].map((g) => [g]);
  const results: RecordMetadata[] = [];
  for (const topicMessages of requests)
    results.push(
      ...(await sender.sendBatch({ compression: COMPRESSION, ...batch, topicMessages })),
    );
  const acknowledged = new Set(results.map((r) => `${r.topicName}/${r.partition}`));
  const missing = [...byPartition.keys()].filter((key) => !acknowledged.has(key));
  if (missing.length > 0) throw new MessagesDroppedError(missing);
  return results;
}

/**
 * A topic just created is listed before every broker serves its metadata ("does not host this
 * topic-partition"): ask again, with back-off, for up to about 10 s.
 */
async function fetchMetadata(admin: Admin, topics: string[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await admin.fetchTopicMetadata({ topics })).topics;
    } catch (error) {
      const unknown = (error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';
      if (!unknown || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1000)));
    }
  }
}

/**
 * Gives each message the partition kafkajs' default partitioner would choose (murmur2 of the key,
 * as the Java client), from the topics' metadata read once through `admin`: keys keep their
 * partitions, and `sendBatchChecked` can tell which partitions a batch must reach.
 */
export function createPartitionAssigner(admin: Admin, { createMissing = true } = {}) {
  const partitioner = Partitioners.DefaultPartitioner();
  const known = new Map<string, PartitionMetadata[]>();
  let brokers = 0;
  const metadataOf = async (topics: string[]) => {
    const missing = topics.filter((t) => !known.has(t));
    if (missing.length === 0) return;
    if (known.size === 0) brokers = (await admin.describeCluster()).brokers.length;
    // A producer's metadata request creates a missing topic (broker defaults); an admin's does
    // not, so create what nobody created yet, as publishing to it used to.
    const existing = new Set(await admin.listTopics());
    const absent = missing.filter((t) => !existing.has(t));
    if (absent.length > 0 && !createMissing)
      throw new Error(`topic ${absent.join(', ')} does not exist`);
    if (absent.length > 0)
      await admin.createTopics({
        topics: absent.map((topic) => ({ topic })),
        waitForLeaders: true,
      });
    for (const t of await fetchMetadata(admin, missing)) known.set(t.name, t.partitions);
  };
  return {
    async assign(topicMessages: TopicMessages[]): Promise<TopicMessages[]> {
      await metadataOf([...new Set(topicMessages.map((t) => t.topic))]);
      return topicMessages.map(({ topic, messages }) => {
        const partitionMetadata = known.get(topic) ?? [];
        return {
          topic,
          messages: messages.map((message) => ({
            ...message,
            partition: message.partition ?? partitioner({ topic, partitionMetadata, message }),
          })),
        };
      });
    },
    /**
     * The cluster had one broker when the metadata was read: kafkajs cannot split a request
     * between brokers, so `sendBatchChecked` may send a batch in one request.
     */
    singleBroker: () => brokers === 1,
    /** Forgets the metadata read (after an error: partitions may have been added). */
    forget: () => {
      known.clear();
      brokers = 0;
    },
  };
}

export type PartitionAssigner = ReturnType<typeof createPartitionAssigner>;

/** A partition assigner with an admin client of its own, connected on first use; `close()` it. */
export function openPartitionAssigner(kafka: Kafka, options: { createMissing?: boolean } = {}) {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  const assigner = createPartitionAssigner(admin, options);
  return {
    async assign(topicMessages: TopicMessages[]): Promise<TopicMessages[]> {
      await (connected ??= admin.connect());
      return assigner.assign(topicMessages);
    },
    forget: assigner.forget,
    singleBroker: assigner.singleBroker,
    close: () => (connected ? admin.disconnect() : Promise.resolve()),
  };
}
