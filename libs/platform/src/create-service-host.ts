import { checkDb, createDb, runMigrations, type Db, type Migration } from '@o2c/db';
import type { HttpProblem } from '@o2c/http';
import { createHttpServer, type HttpServer } from '@o2c/http';
import { createKafka, createKafkaHealthCheck } from '@o2c/kafka';
import { createLogger, createMetrics, type Logger, type Metrics } from '@o2c/observability';
import type { Express } from 'express';
import type { Kafka } from 'kafkajs';
import type { ServiceEnv } from './service-env';

export interface ServiceHostOptions {
  service: string;
  config: ServiceEnv;
  migrations: readonly Migration[];
  routes?: (app: Express) => void;
  mapError?: (error: unknown) => HttpProblem | undefined;
  logger?: Logger;
}

/** Something started after the database is ready, stopped in reverse order on shutdown. */
type Component = () => Promise<(() => Promise<void>) | void>;

export interface ServiceHost {
  service: string;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  kafka: Kafka;
  http: HttpServer;
  /** Registers a component (producer, relay, consumer…) started once migrations have run. */
  use(component: Component): void;
  /** Applies pending migrations and returns their names (also done by start()). */
  migrate(): Promise<string[]>;
  start(): Promise<string>;
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
  const logger = options.logger ?? createLogger({ service, level: config.LOG_LEVEL });
  const metrics = createMetrics(service);
  const db = createDb(config.DATABASE_URL, { applicationName: service });
  const kafka = createKafka({ clientId: service, brokers: config.KAFKA_BROKERS, logger });
  const kafkaHealth = createKafkaHealthCheck(kafka);
  const components: Component[] = [];
  const stops: Array<() => Promise<void>> = [];
  let started = false;
  let stopping: Promise<void> | undefined;
  let bootError: string | undefined = 'starting';

  const http = createHttpServer({
    host: config.HOST,
    port: config.PORT,
    logger,
    metrics,
    readiness: {
      postgres: () => checkDb(db),
      kafka: () => kafkaHealth.check(),
      startup: () => (bootError ? Promise.reject(new Error(bootError)) : Promise.resolve()),
    },
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.mapError ? { mapError: options.mapError } : {}),
  });

  async function boot(): Promise<void> {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        const applied = await runMigrations(db, options.migrations);
        if (applied.length) logger.info({ applied }, 'migrations applied');
        break;
      } catch (error) {
        bootError = `migrations pending: ${(error as Error).message}`;
        logger.warn({ err: error, attempt }, 'database not ready, retrying migrations');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
    for (const component of components) {
      if (stopping) return;
      const stop = await component();
      if (stop) stops.push(stop);
    }
    bootError = undefined;
    logger.info('service ready');
  }

  return {
    service,
    logger,
    metrics,
    db,
    kafka,
    http,
    migrate: () => runMigrations(db, options.migrations),
    use: (component) => {
      if (started) throw new Error('components must be registered before start()');
      components.push(component);
    },
    async start() {
      started = true;
      const url = await http.start();
      logger.info({ url }, 'listening');
      boot().catch((error: unknown) => {
        bootError = `start-up failed: ${(error as Error).message}`;
        logger.error({ err: error }, 'start-up failed');
      });
      return url;
    },
    stop() {
      stopping ??= (async () => {
        http.drain();
        for (const stop of stops.reverse()) {
          await stop().catch((error: unknown) =>
            logger.error({ err: error }, 'component stop failed'),
          );
        }
        await http.stop();
        await kafkaHealth.close().catch(() => undefined);
        await db.destroy();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
