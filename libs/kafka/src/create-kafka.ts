import { Kafka, logLevel, type Admin, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaOptions {
  clientId: string;
  brokers: string[];
  logger: Logger;
  connectionTimeout?: number;
}

// kafkajs logs at ERROR every protocol error it then retries (coordinator loading, concurrent
// transactions…); failures that matter reach the caller as exceptions, so these are warnings.
const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'warn',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

let warningFilterInstalled = false;

/**
 * kafkajs 2.2.4 arms a timer with a negative delay on every request, and Node 24 prints a
 * TimeoutNegativeWarning for each (tulios/kafkajs#1751). The delay is clamped to 1 ms, which is
 * what kafkajs meant; hide that one warning and print every other one as Node would.
 */
function hideKafkajsTimerWarning(): void {
  if (warningFilterInstalled) return;
  warningFilterInstalled = true;
  const defaults = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return;
    for (const listener of defaults) listener(warning);
  });
}

/** kafkajs client whose logs go through the service's pino logger. */
export function createKafka({
  clientId,
  brokers,
  logger,
  connectionTimeout = 3000,
}: KafkaOptions): Kafka {
  hideKafkajsTimerWarning();
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
  });
}

/**
 * Readiness check that makes a real metadata round trip (a bound socket is not enough).
 * The admin client is created once and reconnects when the broker comes back.
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
