import { checkDb, createDb, runMigrations, type Db, type Migration } from '@o2c/db';
import { asyncApiDocument } from '@o2c/contracts';
import type { HttpProblem } from '@o2c/http';
import { createHttpServer, publicRoute, type HttpServer } from '@o2c/http';
import {
  createAvroSerde,
  createKafka,
  createKafkaHealthCheck,
  createSchemaRegistry,
  type AvroSerde,
} from '@o2c/kafka';
import { createOutbox, type Outbox } from '@o2c/outbox';
import { createLogger, createMetrics, type Logger, type Metrics } from '@o2c/observability';
import { Router } from 'express';
import type { Kafka } from 'kafkajs';
import { resolveApiKeys } from './api-keys';
import { kafkaSecurityOf } from './kafka-security';
import type { ServiceEnv } from './service-env';
import { createSupervisor, type ComponentStart } from './supervisor';
import { signalMigrations } from './signals';
import { createHostSignals } from './signals-host';
import type { Reachability } from './signals-watch';
import { serviceVersion } from './signals-version';

export interface ServiceHostOptions {
  service: string;
  config: ServiceEnv;
  migrations: readonly Migration[];
  mapError?: (error: unknown) => HttpProblem | undefined;
  logger?: Logger;
  /** How often the broker is probed for the KAFKA_(UN)REACHABLE signals (default 10 s). */
  kafkaProbeMs?: number;
}

export interface ServiceHost {
  service: string;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  kafka: Kafka;
  /** Avro through the schema registry, for the outbox and the consumers. */
  serde: AvroSerde;
  /** Appends events in a business transaction, with the envelope headers EVENT_HEADERS asks for. */
  outbox: Outbox;
  /** TOPIC_PREFIX: prepended to every topic the service reads and writes. */
  topicPrefix: string;
  /** CONSUMER_GROUP, or the service name. */
  consumerGroup: string;
  http: HttpServer;
  /** The service's routes; add them any time before start(), once their dependencies exist. */
  api: Router;
  /**
   * Registers a component (relay, consumer, scheduler…) started, in order, once migrations have
   * run; a transient failure to start is retried with back-off, and so is a later `fail()`.
   */
  use(name: string, component: ComponentStart): void;
  /** Applies pending migrations and returns their names (also done by start()). */
  migrate(): Promise<string[]>;
  start(): Promise<string>;
  /** Resolves with the error when start-up failed for good (bad credentials, missing database). */
  failed: Promise<Error>;
  /**
   * Records an operational signal (platform_signals, read by `o2c-ops triage`): fire-and-forget,
   * never throws (an error is logged). E.g. `host.signal('CIRCUIT_OPENED', 'odoo')`.
   */
  signal(kind: string, subject: string, detail?: string): void;
  /**
   * A dependency's reachability, recorded as transitions only: `down(error)` after a success (or
   * first) records `<PREFIX>_UNREACHABLE`, `up()` after that `<PREFIX>_REACHABLE`.
   * E.g. `host.reachability('carrier:dhl', 'CARRIER').down(reason)`.
   */
  reachability(subject: string, prefix: string): Reachability;
  /** The version recorded with SERVICE_STARTED: O2C_VERSION, else the service's package.json. */
  version: string;
  /** Idempotent graceful stop: fail /readyz, stop components in reverse, close HTTP, close the pool. */
  stop(): Promise<void>;
}

/**
 * The part every service shares: logger, metrics, knex, kafkajs, HTTP with /livez /readyz
 * /metrics, migrations, and an ordered lifecycle. HTTP listens first so /livez and /readyz
 * answer while Postgres or Kafka are still unreachable; migrations retry in the background.
 */
export function createServiceHost(options: ServiceHostOptions): ServiceHost {
  const { service, config } = options;
  const apiKeys = resolveApiKeys(config);
  const logger = options.logger ?? createLogger({ service, level: config.LOG_LEVEL });
  const metrics = createMetrics(service);
  const db = createDb(config.DATABASE_URL, { applicationName: service });
  const kafka = createKafka({
    clientId: service,
    brokers: config.KAFKA_BROKERS,
    logger,
    security: kafkaSecurityOf(config, service),
  });
  const kafkaHealth = createKafkaHealthCheck(kafka);
  const version = serviceVersion(service, config.O2C_VERSION);
  const signals = createHostSignals({
    db,
    service,
    logger,
    kafka,
    registryUrl: config.SCHEMA_REGISTRY_URL,
    version,
    ...(options.kafkaProbeMs ? { kafkaProbeMs: options.kafkaProbeMs } : {}),
  });
  const migrations = [...options.migrations, ...signalMigrations];
  const serde = createAvroSerde(
    signals.observe(createSchemaRegistry(config.SCHEMA_REGISTRY_URL, service)),
  );
  const supervisor = createSupervisor(logger);
  const api = Router();
  // The platform's topic catalogue, from every service: where an integrator starts.
  api.get('/asyncapi.json', publicRoute('event catalogue'), (_req, res) => {
    res.json(asyncApiDocument);
  });
  let started = false;
  let booting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  supervisor.add('database migrations', async () => {
    const applied = await runMigrations(db, migrations);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    // Awaited (it never throws): a stop during start-up must not close the pool under its prune.
    await signals.started();
  });
  supervisor.add('signals', () => Promise.resolve(signals.watchKafka()));

  const http = createHttpServer({
    host: config.HOST,
    port: config.PORT,
    logger,
    metrics,
    readiness: {
      postgres: () => checkDb(db),
      kafka: signals.kafkaCheck(() => kafkaHealth.check()),
      startup: () => {
        const waiting = supervisor.status();
        return waiting ? Promise.reject(new Error(waiting)) : Promise.resolve();
      },
    },
    auth: {
      apiKeys,
      protectMetrics: config.METRICS_REQUIRE_AUTH,
      rateLimit: { limit: config.RATE_LIMIT_PER_SECOND, windowMs: 1000 },
    },
    routes: (app) => app.use(api),
    ...(options.mapError ? { mapError: options.mapError } : {}),
  });

  return {
    service,
    logger,
    metrics,
    db,
    kafka,
    serde,
    outbox: createOutbox({ serde, service, headers: config.EVENT_HEADERS }),
    topicPrefix: config.TOPIC_PREFIX,
    consumerGroup: config.CONSUMER_GROUP ?? service,
    http,
    api,
    failed: supervisor.failed,
    migrate: () => runMigrations(db, migrations),
    signal: (kind, subject, detail) => signals.recorder.signal(kind, subject, detail),
    reachability: (subject, prefix) => signals.reachability(subject, prefix),
    version,
    use: (name, component) => {
      if (started) throw new Error('components must be registered before start()');
      supervisor.add(name, component);
    },
    async start() {
      started = true;
      const url = await http.start();
      logger.info({ url }, 'listening');
      booting = supervisor.run().then(() => {
        if (!supervisor.status()) logger.info('service ready');
      });
      return url;
    },
    stop() {
      stopping ??= (async () => {
        http.drain();
        await supervisor.stop();
        await booting;
        await http.stop();
        await kafkaHealth.close().catch(() => undefined);
        await signals.recorder.flush();
        await db.destroy();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
