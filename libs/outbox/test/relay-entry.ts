// A relay as its own process, so the kill test can SIGKILL it at any instant. Its Kafka client is a
// service's (createKafka: the same retries, and kafkajs patched as in production).
import pino from 'pino';
import { createDb } from '@o2c/db';
import { createKafka } from '@o2c/kafka';
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
