import { join } from 'node:path';
import { DEVELOPMENT_API_KEY } from '@o2c/http';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import {
  createTestDatabase,
  freePort,
  processReady,
  spawnProcess,
  testInfra,
  uniqueName,
  waitFor,
  type SpawnedProcess,
  type TestDatabase,
} from '@o2c/testing';
import { localPassword } from '../src/kafka-principals';
import { listServices } from '../src/services';
import { applyPlan } from '../src/kafka-provision/apply';
import { provisionPlan } from '../src/kafka-provision/plan';

const logger = createLogger({ service: 'acl-test', level: 'silent' });
const [host = '127.0.0.1', port = '9092'] = (testInfra.brokers[0] ?? '').split(':');
/** The local broker's SASL/SCRAM listener: broker port + 2. */
const saslBroker = `${host}:${Number(port) + 2}`;

const as = (principal: string, password = localPassword(principal)) =>
  createKafka({
    clientId: `acl-test-${principal}`,
    brokers: [saslBroker],
    logger,
    security: { sasl: { mechanism: 'scram-sha-512', username: principal, password } },
  });

interface KafkaError {
  type?: string;
  name?: string;
  cause?: KafkaError;
  originalError?: KafkaError;
}
/** The protocol error under kafkajs' wrappers (a non-retriable error keeps it as its cause). */
const typeOf = (error: KafkaError | undefined): string | undefined =>
  error && (error.type ?? typeOf(error.cause ?? error.originalError) ?? error.name);
const errorType = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: KafkaError) => typeOf(error) ?? 'unknown error',
  );

/** Waits for the first committed message of `topic` (read as the anonymous development client). */
async function committedMessages(topic: string): Promise<number> {
  const consumer = createKafka({
    clientId: 'acl-read',
    brokers: testInfra.brokers,
    logger,
  }).consumer({
    groupId: uniqueName('acl-read'),
    readUncommitted: false,
  });
  let seen = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: () => {
        seen += 1;
        return Promise.resolve();
      },
    });
    return await waitFor(() => (seen > 0 ? seen : undefined), {
      timeoutMs: 60_000,
      what: `a committed message on ${topic}`,
    });
  } finally {
    await consumer.disconnect();
  }
}

describe('Kafka ACLs from kafka:provision, on the local broker', () => {
  const prefix = `${uniqueName('acl')}.`;
  beforeAll(async () => {
    const admin = createKafka({ clientId: 'acl-admin', brokers: testInfra.brokers, logger });
    await applyPlan(admin, provisionPlan(prefix));
  });

  it('lets fulfillment write its own topic and refuses it another service’s', async () => {
    const producer = as('fulfillment').producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      const send = (topic: string) =>
        producer.send({ topic: prefix + topic, messages: [{ key: 'k', value: 'v' }] });
      expect(await errorType(send('fulfillment.shipments'))).toBe('no error');
      expect(await errorType(send('sales.orders'))).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(await errorType(send('billing.invoices'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await producer.disconnect();
    }
  });

  it('refuses invoicing a topic it does not consume and another service’s group', async () => {
    const admin = as('invoicing').admin({ retry: { retries: 0 } });
    await admin.connect();
    try {
      expect(
        await errorType(admin.fetchTopicMetadata({ topics: [`${prefix}channels.orders`] })),
      ).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(await errorType(admin.fetchTopicMetadata({ topics: [`${prefix}sales.orders`] }))).toBe(
        'no error',
      );
      // Its own groups answer; kafkajs reports a group it may not describe as one without a
      // coordinator.
      expect(await errorType(admin.fetchOffsets({ groupId: 'invoicing' }))).toBe('no error');
      expect(await errorType(admin.fetchOffsets({ groupId: 'order-intake' }))).toBe(
        'KafkaJSGroupCoordinatorNotFound',
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses a wrong password', async () => {
    const admin = as('invoicing', 'not-the-password').admin({ retry: { retries: 0 } });
    expect(await errorType(admin.connect())).toMatch(/SASL|Authentication/i);
    await admin.disconnect();
  });

  describe('each service, started under its own principal with no admin rights', () => {
    const services = listServices().map((s) => s.name);
    const running: Array<{ proc: SpawnedProcess; db?: TestDatabase }> = [];
    let odooUrl = '';
    beforeAll(async () => {
      // odoo-adapter needs an Odoo: the simulator, which announces its URL when listening.
      const sim = spawnProcess(join(__dirname, '../../odoo-sim/src/main.ts'), {
        ODOO_SIM_PORT: '0',
        LOG_LEVEL: 'info',
      });
      running.push({ proc: sim });
      odooUrl = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(sim.output())?.[1], {
        what: 'odoo-sim listening',
      });
    });
    afterAll(async () => {
      for (const { proc, db } of running) {
        proc.child.kill('SIGTERM');
        await proc.exited;
        await db?.drop();
      }
    });

    it('becomes ready, joins its consumer group and publishes, with no authorization error', async () => {
      const urls = await Promise.all(
        services.map(async (service) => {
          const db = await createTestDatabase(service.replace('-', ''));
          const httpPort = await freePort();
          const proc = spawnProcess(join(__dirname, `../../../services/${service}/src/main.ts`), {
            PORT: String(httpPort),
            LOG_LEVEL: 'warn',
            DATABASE_URL: db.url,
            KAFKA_BROKERS: saslBroker,
            KAFKA_SASL_MECHANISM: 'scram-sha-512',
            KAFKA_SASL_PASSWORD: localPassword(service),
            TOPIC_PREFIX: prefix,
            RECONCILE_INTERVAL_MS: '0',
            ODOO_URL: odooUrl,
          });
          running.push({ proc, db });
          return { service, proc, url: `http://127.0.0.1:${httpPort}` };
        }),
      );
      for (const { service, proc, url } of urls) {
        await processReady(proc, url, { what: `${service} over SASL`, timeoutMs: 120_000 });
      }
      const admin = createKafka({
        clientId: 'acl-check',
        brokers: testInfra.brokers,
        logger,
      }).admin();
      await admin.connect();
      try {
        const joined = await waitFor(
          async () => {
            const { groups } = await admin.describeGroups(services);
            return groups.every((g) => g.state === 'Stable' && g.members.length > 0)
              ? groups
              : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 250, what: 'every service in its consumer group' },
        );
        expect(joined.map((g) => g.groupId)).toEqual(services);
      } finally {
        await admin.disconnect();
      }
      // order-intake decides an order and its relay publishes the decision (a Kafka transaction
      // with its checkpoint) to sales.orders, under its principal.
      const intake = urls.find((u) => u.service === 'order-intake')!;
      const order = await fetch(`${intake.url}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${DEVELOPMENT_API_KEY}`,
          'idempotency-key': uniqueName('acl-order'),
        },
        body: JSON.stringify({
          channelCode: 'rest',
          channelOrderRef: uniqueName('ACL'),
          customerRef: 'CUST-001',
          currency: 'EUR',
          lines: [{ sku: 'FURN-001', quantity: 1, uom: 'EA', unitPriceMinor: 100 }],
        }),
      });
      expect([201, 422]).toContain(order.status);
      expect(await committedMessages(`${prefix}sales.orders`)).toBeGreaterThan(0);
      for (const { proc } of urls) expect(proc.output()).not.toMatch(/authoriz/i);
    }, 180_000);
  });
});
