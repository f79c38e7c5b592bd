import { CompressionTypes, Kafka, logLevel, type Admin, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaClientSecurity, type KafkaSecurity } from './kafka-security';
import { patchKafkajsCoordinatorLookup } from './coordinator-cache-patch';
import { patchKafkajsRequestQueue } from './request-queue-patch';

export interface KafkaOptions {
  clientId: string;
  brokers: string[];
  logger: Logger;
  connectionTimeout?: number;
  /** SASL credentials and TLS; plaintext and anonymous when omitted. */
  security?: KafkaSecurity;
}

// kafkajs logs at ERROR every protocol error it then retries (coordinator loading, concurrent
// transactions…); failures that matter reach the caller as exceptions, so these are warnings.
const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'warn',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * How every producer of ours compresses its batches: gzip, which kafkajs and every Kafka client
 * support without a codec to install, and which runs on libuv's thread pool, off the event loop.
 */
export const COMPRESSION = CompressionTypes.GZIP;

/**
 * Retries of a transactional producer. Back-to-back transactions meet CONCURRENT_TRANSACTIONS
 * while the coordinator still writes the previous commit's markers (kafkajs#1315), a millisecond
 * or two on one broker: ask again after ~2 ms, doubling. 15 retries still wait about 10 s in all
 * for a broker that is away.
 */
export const TRANSACTIONAL_RETRY = { retries: 15, initialRetryTime: 2, maxRetryTime: 2000 };

/** kafkajs client whose logs go through the service's pino logger. */
export function createKafka({
  clientId,
  brokers,
  logger,
  connectionTimeout = 3000,
  security,
}: KafkaOptions): Kafka {
  patchKafkajsRequestQueue();
  patchKafkajsCoordinatorLookup();
  const child = logger.child({ component: 'kafkajs' });
  const logCreator: logCreator =
    () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      child[levels[level] ?? 'info'](extra, message);
    };
  return new Kafka({
    clientId,
    brokers,
    logCreator,
    logLevel: logLevel.WARN,
    connectionTimeout,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
    ...kafkaClientSecurity(security),
  });
}

/**
 * Readiness check that makes a real metadata round trip (a bound socket is not enough).
 * The admin client is created once and reconnects when the broker comes back. describeCluster
 * asks for the metadata of every topic the principal may see: cheap for a service under ACLs,
 * large for a super user on a broker of many topics (the local broker after many test runs).
 * A probe of one topic instead fails under ACLs without rights on it (`docs/performance.md`).
 */
export function createKafkaHealthCheck(kafka: Kafka): {
  check: () => Promise<void>;
  close: () => Promise<void>;
} {
  let admin: Admin | undefined;
  return {
    async check() {
      admin ??= kafka.admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        await admin.describeCluster();
      } catch (error) {
        const stale = admin;
        admin = undefined;
        await stale.disconnect().catch(() => undefined);
        throw new Error(`kafka unreachable: ${(error as Error).message}`, { cause: error });
      }
    },
    async close() {
      await admin?.disconnect();
    },
  };
}
