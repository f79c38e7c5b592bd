import { Messaging, SpanKind, contextOf, inSpan, linkTo } from '@o2c/observability';
import {
  TRANSACTIONAL_RETRY,
  createPartitionAssigner,
  ensureTopics,
  sendBatchChecked,
} from '@o2c/kafka';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Cursor, RelayRow } from './relay-store';

/** What the checkpoint group holds: the cursor, and how many batches committed so far. */
export interface Checkpoint {
  /** Absent before the first batch, and in a checkpoint written before outbox_005. */
  cursor?: Cursor;
  offset: number;
}

export interface RelayPublisherOptions {
  kafka: Kafka;
  transactionalId: string;
  checkpointTopic: string;
  checkpointGroup: string;
  transactionTimeoutMs: number;
  /** Upper bound of one produce request, below the broker's message.max.bytes. */
  maxRequestBytes: number;
  logger: Logger;
  isRunning: () => boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Kafka half of the relay: one transactional producer (stable transactional id, so a restarted
 * relay fences its predecessor) and the checkpoint, the cursor in the offset metadata of a
 * dedicated group, committed atomically with each batch.
 */
export async function openRelayPublisher(options: RelayPublisherOptions) {
  const { kafka, checkpointTopic, checkpointGroup, logger } = options;
  const admin = kafka.admin();
  await admin.connect();
  let producer: Producer | undefined;
  try {
    // Only when missing: a relay provisioned without rights to create topics finds it there.
    await ensureTopics(kafka, [{ topic: checkpointTopic, numPartitions: 1 }]);
    producer = await connectFencing(options);
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    throw error;
  }
  const txProducer = producer;
  const partitions = createPartitionAssigner(admin);

  let offset = 0;

  /** One batch and the checkpoint in one Kafka transaction. */
  const send = async (rows: RelayRow[], end: Cursor): Promise<void> => {
    const txn = await txProducer.transaction();
    try {
      for (const chunk of chunks(rows, options.maxRequestBytes)) {
        const topicMessages = await partitions.assign(chunk);
        await sendBatchChecked(
          txn,
          { acks: -1, topicMessages },
          { oneRequest: partitions.singleBroker() },
        );
      }
      // kafkajs passes the metadata through to TxnOffsetCommit; its types only omit it.
      const checkpoint = {
        partition: 0,
        offset: String(offset + 1),
        metadata: JSON.stringify(end),
      };
      await txn.sendOffsets({
        consumerGroupId: checkpointGroup,
        topics: [{ topic: checkpointTopic, partitions: [checkpoint] }],
      });
      await txn.commit();
      offset += 1;
    } catch (error) {
      // The outcome is unknown (a commit may have landed): the caller must recreate the
      // producer and re-read the checkpoint, never retry the batch blindly (kafkajs#1282).
      await txn.abort().catch(() => undefined);
      partitions.forget();
      throw error;
    }
  };

  return {
    /**
     * The cursor of the last committed batch. Only meaningful after `connect` (InitProducerId)
     * succeeded: the broker answers it only once any transaction left open by a crashed
     * predecessor is fully committed or aborted, so the checkpoint read now is final.
     */
    async checkpoint(): Promise<Checkpoint> {
      const [entry] = await admin.fetchOffsets({
        groupId: checkpointGroup,
        topics: [checkpointTopic],
      });
      const saved = entry?.partitions.find((p) => p.partition === 0);
      offset = Math.max(0, Number(saved?.offset ?? -1));
      const cursor = saved?.metadata ? (JSON.parse(saved.metadata) as Cursor) : undefined;
      return { offset, ...(cursor ? { cursor } : {}) };
    },

    /**
     * Sends the rows and moves the checkpoint to `end` in ONE Kafka transaction, in a span of
     * its own linked to each row's creation span (the first 128: the SDK's default link limit).
     */
    publish: (rows: RelayRow[], end: Cursor): Promise<void> =>
      inSpan(
        'send',
        {
          kind: SpanKind.PRODUCER,
          parent: contextOf(undefined),
          links: rows.slice(0, 128).flatMap((r) => linkTo(r.headers.traceparent) ?? []),
          attributes: {
            [Messaging.system]: 'kafka',
            [Messaging.operationType]: 'send',
            [Messaging.batchCount]: rows.length,
          },
        },
        () => send(rows, end),
      ),

    async close(): Promise<void> {
      await txProducer.disconnect().catch((e: unknown) => logger.warn({ err: e }, 'disconnect'));
      await admin.disconnect().catch(() => undefined);
    },
  };
}

export type RelayPublisher = Awaited<ReturnType<typeof openRelayPublisher>>;

/**
 * InitProducerId with the same transactional id answers CONCURRENT_TRANSACTIONS while the broker
 * still aborts the crashed predecessor's transaction (kafkajs#296): retry with back-off, on a
 * fresh producer each time (a failed kafkajs producer is not reusable).
 */
async function connectFencing(options: RelayPublisherOptions): Promise<Producer> {
  for (let attempt = 1; ; attempt++) {
    const producer = options.kafka.producer({
      transactionalId: options.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: options.transactionTimeoutMs,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: TRANSACTIONAL_RETRY,
    });
    try {
      await producer.connect();
      return producer;
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      if (!options.isRunning() || attempt >= 10) throw error;
      options.logger.warn({ err: error, attempt }, 'relay producer init failed, retrying');
      await sleep(Math.min(200 * 2 ** attempt, 5000));
    }
  }
}

type TopicMessages = Array<{ topic: string; messages: Message[] }>;

/** Splits the rows, in order, into requests of at most `maxBytes` (at least one row each). */
function* chunks(rows: RelayRow[], maxBytes: number): Generator<TopicMessages> {
  let current: TopicMessages = [];
  let size = 0;
  for (const row of rows) {
    const bytes = row.payload.length + row.key.length + 300;
    if (size > 0 && size + bytes > maxBytes) {
      yield current;
      current = [];
      size = 0;
    }
    size += bytes;
    const last = current[current.length - 1];
    const message: Message = { key: row.key, value: row.payload, headers: row.headers };
    if (last?.topic === row.topic) last.messages.push(message);
    else current.push({ topic: row.topic, messages: [message] });
  }
  if (current.length > 0) yield current;
}
