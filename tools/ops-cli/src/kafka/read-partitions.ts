import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { readerGroupPrefix } from '../contracts';
import { topicBounds } from './offsets';

export interface OffsetRange {
  /** Inclusive. */
  start: number;
  /** Exclusive. */
  end: number;
}

export interface ReadBatch {
  partition: number;
  /** Messages with start <= offset < end, committed ones only (read_committed). */
  messages: KafkaMessage[];
  /** Where reading this partition continues: past this batch, including control records. */
  next: number;
  /** Keeps the reader in its group while a slow (rate-limited) batch is being handled. */
  heartbeat: () => Promise<void>;
}

export interface ReadOptions {
  kafka: Kafka;
  topic: string;
  ranges: ReadonlyMap<number, OffsetRange>;
  /** Returning true finishes the batch's partition early. */
  onBatch(batch: ReadBatch): Promise<boolean | void> | boolean | void;
  /** Give up on the partitions not finished by then (resolves with them). */
  timeoutMs?: number;
  maxBytesPerPartition?: number;
}

/**
 * Reads offset ranges of a topic once, in offset order per partition. kafkajs has no manual
 * partition assignment, so a throw-away consumer group that seeks before its first fetch plays
 * that role; the group never commits and is deleted afterwards. Resolves with the partitions
 * left unfinished.
 */
export async function readPartitions(options: ReadOptions): Promise<number[]> {
  const { kafka, topic, ranges } = options;
  const position = new Map<number, number>();
  for (const [partition, range] of ranges)
    if (range.start < range.end) position.set(partition, range.start);
  if (position.size === 0) return [];

  const groupId = `${readerGroupPrefix}${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 200,
    maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
    maxBytes: 50 * 1_048_576,
  });
  try {
    const bounds = await topicBounds(admin, topic);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    return await new Promise<number[]>((resolve, reject) => {
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error)
          reject(error instanceof Error ? error : new Error('reader failed', { cause: error }));
        else resolve([...position.keys()]);
      };
      const timer = options.timeoutMs ? setTimeout(() => settle(), options.timeoutMs) : undefined;
      consumer
        .run({
          autoCommit: false,
          eachBatch: async (payload) => {
            const { batch } = payload;
            const at = position.get(batch.partition);
            if (settled || at === undefined) return;
            const end = ranges.get(batch.partition)!.end;
            const messages = batch.messages.filter((m) => {
              const offset = Number(m.offset);
              return offset >= at && offset < end;
            });
            const next = Math.min(Number(batch.lastOffset()) + 1, end);
            let finished: boolean | void;
            try {
              finished = await options.onBatch({
                partition: batch.partition,
                messages,
                next,
                heartbeat: () => payload.heartbeat(),
              });
            } catch (error) {
              settle(error);
              return;
            }
            if (finished === true || next >= end) position.delete(batch.partition);
            else position.set(batch.partition, next);
            if (position.size === 0) settle();
            await payload.heartbeat();
          },
        })
        .catch(settle);
      // As kafkajs's own admin.setOffsets does: seeks and pauses issued right after run() apply
      // before the first fetch.
      const idle = bounds.map((b) => b.partition).filter((p) => !position.has(p));
      if (idle.length > 0) consumer.pause([{ topic, partitions: idle }]);
      for (const [partition, offset] of position)
        consumer.seek({ topic, partition, offset: String(offset) });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
