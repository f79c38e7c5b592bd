import { sendBatchChecked, type PartitionAssigner } from '@o2c/kafka';
import type { Producer } from 'kafkajs';
import type { Copy } from './rewrite';

// kafkajs does not retry AddPartitionsToTxn / AddOffsetsToTxn while the coordinator is still
// completing the previous transaction (tulios/kafkajs#1315); the Java client does. Nothing of an
// aborted attempt is visible, so the whole chunk is retried.
const maxAttempts = 20;

export interface Checkpoint {
  group: string;
  topic: string;
  partition: number;
  /** The next offset to read (or, for non-Kafka sources, any monotonic count). */
  offset: number;
  /** Progress that must survive with the offset (counts, a cursor). */
  metadata: string;
}

/**
 * Publishes copies and commits the checkpoint in one Kafka transaction: a read_committed
 * consumer sees the copies if and only if the checkpoint moved past them.
 */
export async function publishInTransaction(
  producer: Producer,
  partitions: Pick<PartitionAssigner, 'assign' | 'forget' | 'singleBroker'>,
  copies: Copy[],
  checkpoint: Checkpoint,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const transaction = await producer.transaction();
    try {
      // One partition per request unless the cluster has one broker, each checked
      // (kafkajs#1303: a broker dying mid-batch).
      for (const part of splitBySize(copies)) {
        const topicMessages = await partitions.assign(
          [...part].map(([topic, messages]) => ({ topic, messages })),
        );
        await sendBatchChecked(
          transaction,
          { topicMessages },
          { oneRequest: partitions.singleBroker() },
        );
      }
      const { partition, offset, metadata } = checkpoint;
      await transaction.sendOffsets({
        consumerGroupId: checkpoint.group,
        topics: [
          {
            topic: checkpoint.topic,
            // kafkajs passes partition metadata through to TxnOffsetCommit; its types omit it.
            partitions: [
              { partition, offset: String(offset), metadata } as {
                partition: number;
                offset: string;
              },
            ],
          },
        ],
      });
      await transaction.commit();
      return;
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      partitions.forget();
      if ((!isMessagesDropped(error) && !isConcurrentTransactions(error)) || attempt >= maxAttempts)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}

function isConcurrentTransactions(error: unknown): boolean {
  const e = error as { type?: string; cause?: unknown; originalError?: unknown } | undefined;
  if (!e) return false;
  return (
    e.type === 'CONCURRENT_TRANSACTIONS' ||
    isConcurrentTransactions(e.cause) ||
    isConcurrentTransactions(e.originalError)
  );
}

// A record batch per partition must stay under the broker's message.max.bytes (1 MB default).
const maxSendBytes = 800_000;

function* splitBySize(copies: Copy[]): Generator<Map<string, Copy['message'][]>> {
  let part = new Map<string, Copy['message'][]>();
  let bytes = 0;
  for (const { topic, message } of copies) {
    const size = sizeOf(message);
    if (bytes + size > maxSendBytes && bytes > 0) {
      yield part;
      part = new Map();
      bytes = 0;
    }
    bytes += size;
    const list = part.get(topic);
    if (list) list.push(message);
    else part.set(topic, [message]);
  }
  if (bytes > 0) yield part;
}

function sizeOf(message: Copy['message']): number {
  let size = 64 + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {}))
    size +=
      name.length +
      (Array.isArray(value) ? value.reduce((n, v) => n + byteLength(v), 0) : byteLength(value));
  return size;
}

const byteLength = (v: Buffer | string | null | undefined): number =>
  v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;

const isMessagesDropped = (error: unknown) =>
  error instanceof Error && error.name === 'MessagesDroppedError';
