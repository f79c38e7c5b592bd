// The relay as its own process for the latency run (as in production), so the bench's writer and
// consumer do not share its event loop. Args: <databaseUrl> <brokers> <service> <batchSize>.
// It logs 'outbox relay active' once ready; on SIGTERM it stops and prints its phase totals as one JSON line.
import { Registry } from 'prom-client';
import { createDb } from '@o2c/db';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { createOutboxRelay } from '../src';
import { phaseTotals } from './phases';

const [databaseUrl, brokers, service, batchSize] = process.argv.slice(2);
const logger = createLogger({ service: 'outbox-bench-relay', level: 'info' });
const db = createDb(databaseUrl!, { poolMax: 2 });
const metrics = new Registry();
const relay = createOutboxRelay({
  db,
  kafka: createKafka({ clientId: 'outbox-bench-relay', brokers: brokers!.split(','), logger }),
  service: service!,
  logger,
  metrics,
  batchSize: Number(batchSize),
  pollIntervalMs: 1000,
});
relay.start();
process.once('SIGTERM', () => {
  void relay
    .stop()
    .then(() => db.destroy())
    .then(() => phaseTotals(metrics))
    .then((phases) => {
      process.stdout.write(`${JSON.stringify({ phases })}\n`);
      process.exit(0);
    });
});
