import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { contractOf } from '@o2c/contracts';
import { createAvroSerde, createKafka, createSchemaRegistry, toHeaders } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import {
  asDeveloper,
  createTestDatabase,
  freePort,
  processReady,
  spawnProcess,
  testInfra,
  uniqueName,
  waitFor,
  type SpawnedProcess,
} from '@o2c/testing';
import knex from 'knex';
import { Partitioners } from 'kafkajs';
import { buildOrderAccepted } from './build';
import { startReceiver } from './receiver';

const ORDERS = 60;

/**
 * kill -9 of the service while it consumes and while a webhook is in flight, then a restart:
 * every event becomes exactly one delivery, every delivery reaches the endpoint, and only what
 * was in flight at the kill may arrive twice (same webhook-id, for the receiver to drop).
 */
describe('webhooks killed mid-flight', () => {
  it('loses nothing and queues nothing twice', async () => {
    const db = await createTestDatabase('webhooks');
    const port = await freePort();
    const prefix = `${uniqueName('t')}.`;
    const env = {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testInfra.brokers.join(','),
      SCHEMA_REGISTRY_URL: testInfra.registryUrl,
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP: uniqueName('webhooks'),
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_SCHEDULE_MS: '200,200,200,200,200,200',
    };
    const main = join(__dirname, '../src/main.ts');
    const url = `http://127.0.0.1:${port}`;
    const started = async () => {
      const proc = spawnProcess(main, env);
      await processReady(proc, url, { what: 'webhooks' });
      return proc;
    };
    const endpoint = await startReceiver(() => 'hang');
    const logger = createLogger({ service: 'webhooks-crash-test', level: 'warn' });
    const kafka = createKafka({ clientId: 'webhooks-crash', brokers: testInfra.brokers, logger });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
    const read = knex({ client: 'pg', connection: db.url });
    let proc: SpawnedProcess | undefined;
    try {
      proc = await started();
      const res = await fetch(`${url}/webhooks/subscriptions`, {
        method: 'POST',
        headers: { ...asDeveloper, 'content-type': 'application/json' },
        body: JSON.stringify({ url: endpoint.url, eventTypes: ['OrderAccepted'] }),
      });
      expect(res.status).toBe(201);
      await producer.connect();
      const c = contractOf('OrderAccepted');
      const eventIds: string[] = [];
      for (let i = 0; i < ORDERS; i++) {
        const order = buildOrderAccepted();
        const eventId = randomUUID();
        eventIds.push(eventId);
        const meta = {
          eventId,
          eventType: 'OrderAccepted',
          schemaVersion: c.version,
          occurredAt: Date.now(),
          correlationId: order.orderId,
          producer: 'test',
        };
        await producer.send({
          topic: prefix + c.topic,
          messages: [
            {
              key: order.orderId,
              value: await serde.encode(c.schema, order),
              headers: toHeaders(meta),
            },
          ],
        });
      }
      // Killed while webhooks hang at the endpoint (in flight) and the rest may still be consumed.
      await waitFor(() => endpoint.received.length > 0, { what: 'a webhook in flight' });
      proc.child.kill('SIGKILL');
      await proc.exited;
      const inFlight = new Set(endpoint.received.map((r) => r.headers['webhook-id']));
      endpoint.behave(() => 200);
      proc = await started();

      const delivered = await waitFor(
        async () => {
          const rows = await read<{ id: string; event_id: string; status: string }>(
            'webhook_deliveries',
          ).select('id', 'event_id', 'status');
          return rows.length === ORDERS && rows.every((r) => r.status === 'delivered')
            ? rows
            : undefined;
        },
        { timeoutMs: 90_000, what: `${ORDERS} deliveries delivered` },
      );
      expect(new Set(delivered.map((r) => r.event_id))).toEqual(new Set(eventIds));
      const received = endpoint.received.map((r) => r.headers['webhook-id']!);
      expect(new Set(received)).toEqual(new Set(delivered.map((r) => r.id)));
      const twice = received.filter((id, i) => received.indexOf(id) !== i);
      expect(twice.every((id) => inFlight.has(id))).toBe(true);
    } finally {
      proc?.child.kill('SIGTERM');
      await proc?.exited;
      await producer.disconnect();
      await read.destroy();
      await endpoint.close();
      await db.drop();
    }
  });
});
