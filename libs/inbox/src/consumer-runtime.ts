import type { Db } from '@o2c/db';
import {
  createConsumer,
  type AvroSerde,
  type BatchControl,
  type ConsumedMessage,
  type DecodedMessage,
  type MessageBatch,
} from '@o2c/kafka';
import type { Logger } from '@o2c/observability';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { defaultBackoffPolicy, type BackoffPolicy } from './backoff';
import { ensureDeadLetterTopics } from './ensure-dead-letter-topics';
import type { EventHandler } from './handler';
import { tracedHandler } from './traced-handler';
import { processBatch } from './process-batch';
import { processMessage, type MessageDeps, type MessageResult } from './process-message';
import { DEFAULT_INBOX_RETENTION_MS, declareInboxRetention, purgeInbox } from './retention';
import { createRuntimeMetrics } from './runtime-metrics';
import { createSendDeadLetter } from './send-dead-letter';

export interface ConsumerRuntimeOptions<T> {
  kafka: Kafka;
  db: Db;
  serde: AvroSerde;
  groupId: string;
  topics: string[];
  handler: EventHandler<T>;
  logger: Logger;
  metrics?: Registry;
  /** Failed runs (the handler threw) before a message is dead-lettered. Default 5. */
  maxAttempts?: number;
  /**
   * Runs the process died in (SIGKILL, OOM) before a message is dead-lettered as one that kills
   * the consumer. Higher than `maxAttempts`: a healthy message is in flight at most deploys and
   * kills, so crashes alone must not use up its attempts. Default 10.
   */
  maxCrashes?: number;
  /**
   * Keep each key's order across a dead letter: later events of its key are dead-lettered as
   * parked behind it until it is redriven or discarded (README, Key order). Default true.
   */
  keepKeyOrder?: boolean;
  backoff?: Partial<BackoffPolicy>;
  /** Producer for `<topic>.dlq.<group>`; by default one is created (and closed) by the runtime. */
  dlqProducer?: Producer;
  /** How long inbox rows are kept (the replay safety window). Default 7 days. */
  inboxRetentionMs?: number;
  /** How often this runtime purges its group's old inbox rows; 0 disables. Default 10 min. */
  purgeIntervalMs?: number;
  /** Partitions processed at once; each partition's messages stay strictly sequential. */
  partitionsConcurrently?: number;
  /**
   * Most messages handled in one database transaction (the fast path, see process-batch.ts).
   * Lower it when handlers hold the transaction across slow remote calls. Default 100.
   */
  transactionMessages?: number;
  /** Commit offsets at least every N handled messages (and at the end of every batch). */
  commitEveryMessages?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** An upstream topic: messages without envelope headers get one derived (libs/kafka). */
  deriveEnvelope?: boolean;
  /** Called when the consumer died for good after start(); the owner stops and restarts the runtime. */
  onFailure?: (error: Error) => void;
  /** Called after each database commit, before the offset commit (tracing, tests). */
  onDbCommit?: (event: DecodedMessage<T>, outcome: 'processed' | 'duplicate') => void;
}

export interface ConsumerRuntime {
  start(): Promise<void>;
  /** Stops fetching, lets the in-flight message finish or abandons it before its DB commit, commits, disconnects. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The shared consumer runtime: inbox dedupe in the handler's transaction, offsets committed
 * after the database, retries with back-off that pause only the failing partition, crash-aware
 * poison detection, and dead letters to `<topic>.dlq.<group>`.
 */
export function createConsumerRuntime<T>(options: ConsumerRuntimeOptions<T>): ConsumerRuntime {
  const { kafka, db, groupId, topics } = options;
  const logger = options.logger.child({ component: 'consumer-runtime', groupId });
  const metrics = createRuntimeMetrics(groupId, options.metrics);
  const backoff = { ...defaultBackoffPolicy, ...options.backoff };
  const retentionMs = options.inboxRetentionMs ?? DEFAULT_INBOX_RETENTION_MS;
  const commitEvery = options.commitEveryMessages ?? 100;
  const keepKeyOrder = options.keepKeyOrder ?? true;
  const transactionMessages = options.transactionMessages ?? 100;
  const handler = tracedHandler(groupId, options.handler);
  const consumer = createConsumer<T>({
    ...options,
    logger,
    ...(options.onFailure ? { onCrash: options.onFailure } : {}),
  });
  const producer =
    options.dlqProducer ??
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  let purgeTimer: NodeJS.Timeout | undefined;
  const resumeTimers = new Set<NodeJS.Timeout>();
  const outageRounds = new Map<string, number>();

  /**
   * A message to retry later pauses only its own partition (so its order is kept) and lets the
   * fetch loop serve every other partition meanwhile; kafkajs fetches it again on resume, from
   * the last offset marked done.
   */
  const retryLater = (control: BatchControl, delayMs: number) => {
    const resume = control.pause();
    const timer = setTimeout(() => {
      resumeTimers.delete(timer);
      resume();
    }, delayMs);
    resumeTimers.add(timer);
  };
  let stopped: Promise<void> | undefined;

  const pauseFor = (control: BatchControl) => async (ms: number) => {
    const until = Date.now() + ms;
    while (control.shouldContinue() && Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(500, until - Date.now()))));
      await control.heartbeat();
    }
    return control.shouldContinue();
  };

  // kafkajs only heartbeats when asked: keep the membership alive while a slow handler runs
  // (a rebalance error here is ignored; the heartbeat after the message will surface it).
  const withHeartbeats = async <R>(control: BatchControl, work: () => Promise<R>) => {
    const timer = setInterval(
      () => void control.heartbeat().catch(() => undefined),
      options.heartbeatIntervalMs ?? 3000,
    );
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  };

  const deadLetter = createSendDeadLetter({
    db,
    producer,
    groupId,
    keepKeyOrder,
    logger,
    metrics,
    backoff,
    pauseFor,
  });

  const onBatch = async (batch: MessageBatch<T>, control: BatchControl) => {
    const deps: MessageDeps<T> = {
      ...options,
      handler,
      maxAttempts: options.maxAttempts ?? 5,
      maxCrashes: options.maxCrashes ?? 10,
      keepKeyOrder,
      backoff,
      logger,
      metrics,
      redecode: (m) => consumer.redecode(m),
      pauseFor: pauseFor(control),
      shouldContinue: () => control.shouldContinue(),
      outageRounds,
    };
    const lastMessage = batch.messages.at(-1);
    let uncommitted = 0;
    /** Acts on one message's result; false when the rest of the batch must wait. */
    const settle = async (message: ConsumedMessage<T>, result: MessageResult) => {
      if (result.outcome === 'abandoned') return false;
      if (result.outcome === 'retry_later') {
        retryLater(control, result.delayMs);
        return false;
      }
      if (result.outcome === 'dead_letter') {
        if (!(await deadLetter(message, result, control))) return false;
      } else {
        metrics.count(message.topic, result.outcome);
        control.markDone(message.offset);
        if (++uncommitted >= commitEvery) {
          await control.commit();
          uncommitted = 0;
        }
      }
      // After the batch's last message, markDone also covered a trailing commit marker.
      const done = message === lastMessage ? batch.lastOffset : message.offset;
      const lag = BigInt(batch.highWatermark) - BigInt(done) - 1n;
      metrics.lag(batch.topic, batch.partition, Number(lag));
      return true;
    };
    try {
      // Fast path, a transaction per chunk, while whole chunks succeed; then one by one.
      let from = 0;
      while (from < batch.messages.length && control.shouldContinue()) {
        const chunk = batch.messages.slice(from, from + transactionMessages);
        const fast = await withHeartbeats(control, () => processBatch(chunk, deps));
        for (const { message, outcome } of fast.done) await settle(message, { outcome });
        from += fast.done.length;
        if (fast.failed) {
          if (!(await settle(fast.failed.message, fast.failed.result))) return;
          from += 1;
        }
        if (fast.done.length < chunk.length) break;
        await control.heartbeat();
      }
      for (const message of batch.messages.slice(from)) {
        if (!control.shouldContinue()) break;
        const result = await withHeartbeats(control, () => processMessage(message, deps));
        if (!(await settle(message, result))) break;
        await control.heartbeat();
      }
    } finally {
      // Everything marked done has its DB transaction committed; a failed or deferred commit
      // only means redelivery to whoever owns the partition next, which the inbox makes no-ops.
      await control
        .commitSoon()
        .catch((err: unknown) =>
          logger.warn(
            { err, topic: batch.topic, partition: batch.partition },
            'offset commit failed',
          ),
        );
    }
  };

  const purge = () =>
    purgeInbox(db, { groupId, retentionMs })
      .then((n) => n && logger.info({ purged: n }, 'purged old inbox rows'))
      .catch((err: unknown) => logger.warn({ err }, 'inbox purge failed'));

  const stop = () => {
    stopped ??= (async () => {
      clearInterval(purgeTimer);
      for (const timer of resumeTimers) clearTimeout(timer);
      await consumer.disconnect();
      if (!options.dlqProducer) await producer.disconnect();
    })();
    return stopped;
  };

  return {
    async start() {
      try {
        await declareInboxRetention(db, groupId, retentionMs);
        await ensureDeadLetterTopics(kafka, topics, groupId, logger);
        if (!options.dlqProducer) await producer.connect();
        await consumer.start(onBatch);
      } catch (error) {
        // Nothing half-open is left behind: the caller may build a new runtime and try again.
        await stop().catch((err: unknown) => logger.warn({ err }, 'cleanup after a failed start'));
        throw error;
      }
      const every = options.purgeIntervalMs ?? 600_000;
      if (every > 0) purgeTimer = setInterval(() => void purge(), every).unref();
    },
    stop,
  };
}
