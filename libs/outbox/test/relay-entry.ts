// A relay as its own process, so the kill test can SIGKILL it at any instant. Its Kafka client is a
// service's (createKafka: the same retries, and kafkajs patched as in production).
import pino from 'pino';
import { createDb } from '@o2c/db';
import { createKafka } from '@o2c/kafka';
import type { Kafka } from 'kafkajs';
import { createOutboxRelay } from '../src/create-outbox-relay';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const db = createDb(env('DATABASE_URL'), { poolMax: 2 });
const kafka = createKafka({
  clientId: 'outbox-relay-entry',
  brokers: env('KAFKA_BROKERS').split(','),
  logger,
});
if (process.env.HOLD_AFTER_SEND) holdAfterSend(kafka);
const relay = createOutboxRelay({
  db,
  kafka,
  service: env('SERVICE'),
  logger,
  batchSize: Number(process.env.BATCH_SIZE ?? 100),
  pollIntervalMs: 200,
  ...(process.env.SESSION_TIMEOUT_MS
    ? { sessionTimeoutMs: Number(process.env.SESSION_TIMEOUT_MS) }
    : {}),
});
relay.start();
process.once('SIGTERM', () => {
  void relay
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});

/**
 * The kill test's fixed point: the first transaction's records are written, then it stays open
 * (sendOffsets, the step before commit, never returns) until the process is killed.
 */
function holdAfterSend(client: Kafka) {
  const producer = client.producer.bind(client);
  client.producer = (config) => {
    const created = producer(config);
    const transaction = created.transaction.bind(created);
    created.transaction = async () => {
      const txn = await transaction();
      txn.sendOffsets = () => {
        logger.info('holding a transaction open after its sends');
        return new Promise<void>(() => undefined);
      };
      return txn;
    };
    return created;
  };
}
