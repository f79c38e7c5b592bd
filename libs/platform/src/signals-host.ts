import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Db } from '@o2c/db';
import { createKafkaHealthCheck } from '@o2c/kafka';
import type { Logger } from '@o2c/observability';
import type { Kafka } from 'kafkajs';
import { createSignalRecorder, type SignalRecorder } from './signals';
import {
  createReachability,
  observeRegistry,
  watchReachability,
  type Reachability,
} from './signals-watch';

const DAY_MS = 24 * 60 * 60 * 1000;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface HostSignalsOptions {
  db: Db;
  service: string;
  logger: Logger;
  kafka: Kafka;
  /** The schema registry's base URL, to read the version of a schema the service registered. */
  registryUrl: string;
  version: string;
  /** How often the broker is probed for KAFKA_UNREACHABLE / KAFKA_REACHABLE (default 10 s). */
  kafkaProbeMs?: number;
}

/**
 * The signals every host records: SERVICE_STARTED (and VERSION_CHANGED), KAFKA_(UN)REACHABLE from
 * a metadata round trip every few seconds and from /readyz, REGISTRY_(UN)REACHABLE and
 * SCHEMA_REGISTERED from the registry calls the serde makes.
 */
export function createHostSignals(options: HostSignalsOptions) {
  const { db, service, logger, version } = options;
  const recorder: SignalRecorder = createSignalRecorder(db, service, logger);
  const kafka = createReachability((up, error) =>
    recorder.signal(
      up ? 'KAFKA_REACHABLE' : 'KAFKA_UNREACHABLE',
      'kafka',
      up ? undefined : messageOf(error),
    ),
  );
  const registry = createReachability((up, error) =>
    recorder.signal(
      up ? 'REGISTRY_REACHABLE' : 'REGISTRY_UNREACHABLE',
      'registry',
      up ? undefined : messageOf(error),
    ),
  );

  const registered = async (subject: string, id: number) => {
    let detail = `id ${id}`;
    try {
      const url = `${options.registryUrl.replace(/\/+$/, '')}/subjects/${encodeURIComponent(subject)}/versions/latest`;
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok)
        detail = `version ${((await res.json()) as { version: number }).version}, ${detail}`;
    } catch {
      // the id alone still says which schema
    }
    recorder.signal('SCHEMA_REGISTERED', subject, detail);
  };

  const dependencies = new Map<string, Reachability>();
  return {
    recorder,
    /** `<PREFIX>_UNREACHABLE` / `<PREFIX>_REACHABLE` transitions of one dependency (memoised). */
    reachability(subject: string, prefix: string): Reachability {
      const key = `${prefix}\u0000${subject}`;
      let reach = dependencies.get(key);
      if (!reach) {
        reach = createReachability((up, error) =>
          recorder.signal(
            `${prefix}_${up ? 'REACHABLE' : 'UNREACHABLE'}`,
            subject,
            up ? undefined : messageOf(error),
          ),
        );
        dependencies.set(key, reach);
      }
      return reach;
    },
    /** The serde's registry, watched. */
    observe: (client: SchemaRegistry) =>
      observeRegistry(client, { reach: registry, registered: (s, id) => void registered(s, id) }),
    /** Wraps the /readyz broker check so its outcomes count as observations too. */
    kafkaCheck: (check: () => Promise<void>) => () =>
      check().then(
        () => kafka.up(),
        (error: unknown) => {
          kafka.down(error);
          throw error;
        },
      ),
    /** After migrations: held signals are written, the start recorded, old signals pruned. */
    async started() {
      recorder.open();
      try {
        const last = await recorder.lastSubject('SERVICE_STARTED');
        recorder.signal('SERVICE_STARTED', version, `node ${process.version}, pid ${process.pid}`);
        if (last !== undefined && last !== version)
          recorder.signal('VERSION_CHANGED', version, `from ${last}`);
        const pruned = await recorder.prune();
        if (pruned) logger.info({ pruned }, 'old signals pruned');
      } catch (error) {
        logger.warn({ err: error }, 'start signal not recorded');
      }
    },
    /** The broker probe and the daily retention, as a host component. */
    watchKafka() {
      const health = createKafkaHealthCheck(options.kafka);
      const stop = watchReachability(health.check, kafka, options.kafkaProbeMs ?? 10_000);
      // A service that runs for weeks prunes too, not only when it starts.
      const daily = setInterval(() => {
        recorder
          .prune()
          .catch((error: unknown) => logger.warn({ err: error }, 'signals not pruned'));
      }, DAY_MS);
      daily.unref();
      return async () => {
        clearInterval(daily);
        await stop();
        await health.close().catch(() => undefined);
      };
    },
  };
}
