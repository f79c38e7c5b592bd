import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { AvroSerde } from './avro-serde';
import { decodeMessage, type ConsumedMessage } from './consumer-decode';
import { deferredCommits } from './deferred-commits';

export interface MessageBatch<T = unknown> {
  topic: string;
  partition: number;
  /** Offset of the next message the broker will write: lag = highWatermark - (offset + 1). */
  highWatermark: string;
  /** Last offset the fetch covered, control records included (may exceed the last message's). */
  lastOffset: string;
  messages: ConsumedMessage<T>[];
}

/** What a batch handler may do with the partition it holds. */
export interface BatchControl {
  /** Marks everything up to and including `offset` as done; nothing is committed yet. */
  markDone(offset: string): void;
  /** Commits every offset marked done (in any partition) to the group, now. */
  commit(): Promise<void>;
  /**
   * Commits every offset marked done within `commitIntervalMs`: now if the consumer has not
   * committed for that long (or is stopping), else once with whatever is marked done by then.
   */
  commitSoon(): Promise<void>;
  /** Keeps the group membership alive during long work; throws when a rebalance has begun. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was seeked/revoked: stop the batch. */
  shouldContinue(): boolean;
  /** Stops fetching this partition until the returned function is called. */
  pause(): () => void;
}

export type BatchHandler<T> = (batch: MessageBatch<T>, control: BatchControl) => Promise<void>;

export interface TopicPartitions {
  topic: string;
  partitions?: number[];
}

/**
 * Our consumer port: batches of decoded events, explicit commits, read_committed. The kafkajs
 * adapter below is the only implementation today; nothing above it imports kafkajs types.
 */
export interface TypedConsumer<T = unknown> {
  /** Joins the group and calls `onBatch` per partition batch until stopped. */
  start(onBatch: BatchHandler<T>): Promise<void>;
  pause(partitions: TopicPartitions[]): void;
  resume(partitions: TopicPartitions[]): void;
  /** Decodes a message again (after a transient registry failure). */
  redecode(message: ConsumedMessage<T>): Promise<ConsumedMessage<T>>;
  /** Stops fetching and waits for the in-flight batch handler to return. Idempotent. */
  stop(): Promise<void>;
  /** Stops, leaves the group and closes the connections. Idempotent. */
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  kafka: Kafka;
  serde: AvroSerde;
  groupId: string;
  topics: string[];
  logger: Logger;
  /** Where a group without committed offsets starts; default earliest (never skip events). */
  fromBeginning?: boolean;
  /** How many partitions are processed at once; messages of one partition stay sequential. */
  partitionsConcurrently?: number;
  /**
   * Default 10 s: a member killed with SIGKILL holds its partitions (and delays the group's next
   * rebalance, e.g. its own replacement joining) until it times out. Heartbeats go on during long
   * handlers, so only a process stalled this long loses its partitions.
   */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxBytesPerPartition?: number;
  /** Long-poll time of an empty fetch; also bounds how long stop() waits. Default 1000 ms. */
  maxWaitTimeMs?: number;
  /**
   * Called when the consumer died and kafkajs will not restart it (a non-retriable error); the
   * owner must replace it. Retriable crashes are restarted by kafkajs itself.
   */
  onCrash?: (error: Error) => void;
  /** An upstream topic: a message without envelope headers gets one derived (consumer-decode.ts). */
  deriveEnvelope?: boolean;
  /**
   * How long offsets marked done may wait for `commitSoon` (default 1000 ms). One commit then
   * covers every partition, where one per fetched batch (and one per fetch holding only a
   * transaction marker) cost a request each: the broker's most expensive one in the bench.
   * Redelivered after a crash are at most this much of work, which the inbox turns into no-ops.
   */
  commitIntervalMs?: number;
}

async function commitMarked(payload: EachBatchPayload): Promise<void> {
  const offsets = payload.uncommittedOffsets();
  if (offsets.topics.length) await payload.commitOffsetsIfNecessary(offsets);
}

/** A typed, explicitly committing, read_committed consumer over kafkajs. */
export function createConsumer<T = unknown>(options: ConsumerOptions): TypedConsumer<T> {
  const { kafka, serde, groupId, topics, logger } = options;
  const derive = { deriveEnvelope: options.deriveEnvelope ?? false };
  const log = logger.child({ component: 'consumer', groupId });
  const consumer: Consumer = kafka.consumer({
    groupId,
    readUncommitted: false,
    sessionTimeout: options.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
    maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 1000,
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
    log.info({ memberAssignment: payload.memberAssignment }, 'joined consumer group'),
  );
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) return;
    log.error({ err: payload.error }, 'consumer crashed and will not restart by itself');
    options.onCrash?.(payload.error);
  });
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  let stopping: Promise<void> | undefined;
  const deferred = deferredCommits(consumer, options.commitIntervalMs ?? 1000, log);
  const stop = () => (stopping ??= deferred.flush().then(() => consumer.stop()));
  // A fetch holding only transaction markers or aborted records never reaches eachBatch; kafkajs
  // resolves it but, with autoCommit off, never commits it, so the group would show phantom lag
  // on a quiet partition. Everything before it was handled (kafkajs fetches from the resolved
  // offset), so committing past it is safe.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.batchSize !== 0 || state !== 'running' || stopping) return;
    const offset = (BigInt(payload.lastOffset) + 1n).toString();
    deferred.marker({ topic: payload.topic, partition: payload.partition, offset });
  });

  const control = (payload: EachBatchPayload): BatchControl => {
    const { topic, partition } = payload.batch;
    return {
      markDone: (offset) => payload.resolveOffset(offset),
      // The payload's commit talks to the group directly: it still works while stopping, when
      // consumer.commitOffsets() would silently do nothing.
      commit: () => commitMarked(payload),
      commitSoon: () => deferred.soon(() => commitMarked(payload), Boolean(stopping)),
      heartbeat: () => payload.heartbeat(),
      shouldContinue: () => payload.isRunning() && !payload.isStale(),
      pause: () => {
        consumer.pause([{ topic, partitions: [partition] }]);
        // kafkajs replaces its group when it restarts a consumer (a broker lost): resume() then
        // throws, from a retry timer, and killed the process. The new group starts with nothing
        // paused, so there is nothing left to resume.
        return () => {
          try {
            consumer.resume([{ topic, partitions: [partition] }]);
          } catch (err) {
            log.warn({ err, topic, partition }, 'resume skipped: the consumer restarted since');
          }
        };
      },
    };
  };

  return {
    async start(onBatch) {
      if (state !== 'idle') throw new Error(`consumer ${groupId} already started`);
      state = 'running';
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConcurrently ?? 1,
        eachBatch: async (payload) => {
          const { topic, partition, highWatermark } = payload.batch;
          const messages = await Promise.all(
            payload.batch.messages.map((m) => decodeMessage<T>(serde, topic, partition, m, derive)),
          );
          const lastOffset = payload.batch.lastOffset();
          const batch = { topic, partition, highWatermark, lastOffset, messages };
          await onBatch(batch, control(payload));
        },
      });
    },
    pause: (partitions) => consumer.pause(partitions),
    resume: (partitions) => consumer.resume(partitions),
    redecode: (m) =>
      decodeMessage<T>(
        serde,
        m.topic,
        m.partition,
        {
          key: m.raw.key,
          value: m.raw.value,
          headers: m.raw.headers,
          offset: m.offset,
          timestamp: m.raw.timestamp,
        },
        derive,
      ),
    stop,
    async disconnect() {
      if (state === 'stopped') return;
      await stop();
      state = 'stopped';
      await consumer.disconnect();
    },
  };
}
