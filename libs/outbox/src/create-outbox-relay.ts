import type { Kafka } from 'kafkajs';
import type { Knex } from 'knex';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { startHousekeeping } from './relay-housekeeping';
import { createRelayMetrics } from './relay-metrics';
import { openRelayPublisher, type RelayPublisher } from './relay-publisher';
import { recoverPosition } from './relay-recovery';
import { openRelaySession } from './relay-session';
import { runPublishLoop } from './relay-loop';
import { createRelayStore, type RelayRow } from './relay-store';
import { waitIdle } from './relay-wait';
import { DEFAULT_MAX_MESSAGE_BYTES } from './message-size';

export interface OutboxRelayOptions {
  db: Knex;
  kafka: Kafka;
  /** Names the transactional id and checkpoint group `outbox-relay-<service>`. */
  service: string;
  logger: Logger;
  metrics?: Registry;
  /** Rows per Kafka transaction (default 500). */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long published rows are kept as a replay source (default 7 days). */
  retentionMs?: number;
  /** Default 60 s; cleanup deletes `cleanupBatchSize` (default 1000) rows per statement. */
  cleanupIntervalMs?: number;
  cleanupBatchSize?: number;
  /** Refresh of the backlog gauges (default 5000 ms). */
  metricsIntervalMs?: number;
  /** Topic whose partition 0 carries the checkpoint offset (default `outbox-relay.checkpoints`). */
  checkpointTopic?: string;
  transactionTimeoutMs?: number;
  /** Bytes per produce request; keep under the broker's message.max.bytes (default 900 000). */
  maxRequestBytes?: number;
  /**
   * The broker's (or the topics') message.max.bytes (default 1,048,588). A row over it is parked
   * in `outbox_parked` with the later rows of its key instead of failing its batch forever.
   */
  maxMessageBytes?: number;
  /**
   * Bound on the relay's own session (default 30 000 ms): statement, lock and idle timeouts and
   * TCP keepalives, so a frozen or cut-off relay loses its lock to a standby within about this
   * long. Keep it above the longest claim; see `sessionSettings`.
   */
  sessionTimeoutMs?: number;
  /** The relay's own session; defaults to the knex connection settings. */
  connection?: pg.ClientConfig | string;
}

export interface OutboxRelay {
  start(): void;
  /** Finishes the current batch, releases the lock and closes its connections. Idempotent. */
  stop(): Promise<void>;
}

/** Publishes outbox rows to Kafka with exactly-once handoff; see libs/outbox/README.md. */
/** The relay's transactional id and checkpoint group (ACLs grant them by this prefix). */
export const relayName = (service: string): string => `outbox-relay-${service}`;

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, kafka, service, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const sessionTimeoutMs = options.sessionTimeoutMs ?? 30_000;
  const name = relayName(service);
  const log = logger.child({ component: 'outbox-relay' });
  const metrics = createRelayMetrics(options.metrics);
  const connection =
    options.connection ?? (db.client as { connectionSettings: pg.ClientConfig }).connectionSettings;
  let running = false;
  let loop: Promise<void> | undefined;
  let stopHousekeeping: (() => Promise<void>) | undefined;
  let wake: (() => void) | undefined;
  const isRunning = () => running;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      // A ping can end past a sleep's deadline: never a negative delay (Node warns, waits 1 ms).
      const timer = setTimeout(() => done(), Math.max(0, ms));
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      wake = done;
    });

  const onPublished = (rows: RelayRow[]) => {
    const now = Date.now();
    for (const row of rows) metrics.publishLag.observe((now - row.createdAt.getTime()) / 1000);
    metrics.published.inc(rows.length);
  };

  async function runSession(): Promise<void> {
    const session = await openRelaySession(
      typeof connection === 'string' ? { connectionString: connection } : connection,
      name,
      isRunning,
      pollIntervalMs,
      sessionTimeoutMs,
    );
    if (!session) return;
    log.info({ service }, 'outbox relay holds the lock');
    let notified = false;
    session.onWake(() => {
      notified = true;
      wake?.();
    });
    // Waits for a NOTIFY or `ms`, pinging the session so idle_session_timeout spares a live relay.
    const sleep = (ms: number) =>
      waitIdle(ms, sessionTimeoutMs / 3, {
        pause,
        ping: async () => void (await session.client.query('select 1')),
        done: () => notified || !running || session.lost !== undefined,
      });
    let publisher: RelayPublisher | undefined;
    try {
      publisher = await openRelayPublisher({
        kafka,
        transactionalId: name,
        checkpointTopic: options.checkpointTopic ?? 'outbox-relay.checkpoints',
        checkpointGroup: name,
        transactionTimeoutMs: options.transactionTimeoutMs ?? 60_000,
        maxRequestBytes: options.maxRequestBytes ?? 900_000,
        logger: log,
        isRunning,
      });
      const store = createRelayStore(session.client, {
        maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
        onParked: (parked) => {
          for (const { row, reason } of parked)
            log.warn(
              { id: row.id, topic: row.topic, key: row.key, eventType: row.eventType, reason },
              'outbox row parked: requeueParked() once the cause is fixed',
            );
        },
      });
      const from = await recoverPosition(store, publisher, log);
      // The flag asks writers for a NOTIFY. It stays up while traffic is light (no flag writes
      // per wake-up) and comes down only under load, when every read finds a full batch.
      let flagUp = false;
      await store.setSleeping(false);
      log.info({ service }, 'outbox relay active');
      await runPublishLoop({
        store,
        publisher,
        metrics,
        batchSize,
        isActive: () => running && !session.lost,
        from,
        idle: async (cursor) => {
          if (!notified && !flagUp) {
            await store.setSleeping(true);
            flagUp = true;
            // A row inserted before the flag was up sent no NOTIFY: look once more before sleeping.
            if (await store.pending(cursor)) return;
          }
          if (!notified) await sleep(pollIntervalMs);
          notified = false;
        },
        busy: async () => {
          if (!flagUp) return;
          await store.setSleeping(false);
          flagUp = false;
        },
        onPublished,
      });
      if (session.lost) throw session.lost;
    } finally {
      await publisher?.close();
      await session.close();
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        await runSession();
        failures = 0;
      } catch (error) {
        failures += 1;
        metrics.errors.inc();
        log.error({ err: error, failures }, 'outbox relay failed; reconnecting and recovering');
        if (running) await pause(Math.min(100 * 2 ** failures, 10_000));
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      stopHousekeeping = startHousekeeping({
        db,
        metrics,
        logger: log,
        metricsIntervalMs: options.metricsIntervalMs ?? 5000,
        cleanupIntervalMs: options.cleanupIntervalMs ?? 60_000,
        cleanupBatchSize: options.cleanupBatchSize ?? 1000,
        retentionMs: options.retentionMs ?? 7 * 24 * 3600 * 1000,
      });
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      await stopHousekeeping?.();
      stopHousekeeping = undefined;
    },
  };
}
