// A relay as its own process, so the kill test can SIGKILL it at any instant.
import { createDb } from '@o2c/db';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { createOutboxRelay } from '../src';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = createLogger({
  service: 'outbox-relay-entry',
  level: process.env.LOG_LEVEL ?? 'warn',
});
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
});
relay.start();
process.once('SIGTERM', () => {
  void relay
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
