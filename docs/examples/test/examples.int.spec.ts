import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { contractOf, type EventType } from '@o2c/contracts';
import { createAvroSerde, createKafka, createSchemaRegistry, toHeaders } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import {
  asDeveloper,
  buildOrderSubmitted,
  createTestDatabase,
  freePort,
  groupLag,
  simMasterData,
  processReady,
  spawnProcess,
  testInfra,
  uniqueName,
  waitFor,
  type SpawnedProcess,
  type TestDatabase,
} from '@o2c/testing';
import { Partitioners, type Consumer } from 'kafkajs';
import { readEvents, type PlatformEvent } from '../src/read-events';
import { webhookReceiver, type WebhookEvent } from '../src/receive-webhooks';
import { submitOrder } from '../src/submit-order';

const root = join(__dirname, '../../..');
const logger = createLogger({ service: 'examples-test', level: 'warn' });

/**
 * docs/integrate.md's three examples against the real platform parts: order-intake and webhooks
 * as processes on the real Kafka, registry and Postgres. An order submitted as a CloudEvent comes
 * back as an OrderAccepted to the Kafka consumer and as a verified webhook to the receiver.
 */
describe('the integration guide examples', () => {
  const prefix = `${uniqueName('ex')}.`;
  const kafka = createKafka({ clientId: 'examples', brokers: testInfra.brokers, logger });
  const running: Array<{ proc: SpawnedProcess; db: TestDatabase }> = [];
  const consumers: Consumer[] = [];
  let receiver: Server | undefined;
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

  const service = async (name: string, env: Record<string, string> = {}) => {
    const db = await createTestDatabase(name.replace('-', ''));
    const port = await freePort();
    const proc = spawnProcess(join(root, `services/${name}/src/main.ts`), {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testInfra.brokers.join(','),
      SCHEMA_REGISTRY_URL: testInfra.registryUrl,
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP: uniqueName(name),
      ...env,
    });
    running.push({ proc, db });
    const url = `http://127.0.0.1:${port}`;
    await processReady(proc, url, { what: name });
    return url;
  };

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer.disconnect();
    receiver?.close();
    for (const { proc, db } of running) {
      proc.child.kill('SIGTERM');
      await proc.exited;
      await db.drop();
    }
  });

  it('submits an order as a CloudEvent, reads the decision from Kafka and from a verified webhook', async () => {
    const [intakeGroup, webhooksGroup] = [uniqueName('order-intake'), uniqueName('webhooks')];
    const [, webhooksUrl] = await Promise.all([
      service('order-intake', { CONSUMER_GROUP: intakeGroup }),
      service('webhooks', { CONSUMER_GROUP: webhooksGroup }),
    ]);
    await producer.connect();

    // The master data odoo-adapter would publish, applied before the order is submitted.
    const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
    for (const e of simMasterData) {
      const c = contractOf(e.type as EventType);
      const headers = toHeaders({
        eventId: randomUUID(),
        eventType: e.type,
        schemaVersion: c.version,
        occurredAt: Date.now(),
        correlationId: e.data.entityKey,
        producer: 'odoo-adapter',
      });
      await producer.send({
        topic: `${prefix}odoo.master-data`,
        messages: [{ key: e.data.entityKey, value: await serde.encode(c.schema, e.data), headers }],
      });
    }
    const masterData = [`${prefix}odoo.master-data`];
    await waitFor(
      async () => (await groupLag(kafka, `${intakeGroup}.master-data`, masterData)) === 0,
      {
        timeoutMs: 60_000,
        what: 'master data applied',
      },
    );
    // What `npm run schemas:register` does on deployment: the upstream schema is in the registry.
    const { subject, schema } = contractOf('OrderSubmitted');
    await fetch(`${testInfra.registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(schema) }),
    });

    // The downstream system's webhook receiver and its subscription.
    const receiverPort = await freePort();
    const created = await fetch(`${webhooksUrl}/webhooks/subscriptions`, {
      method: 'POST',
      headers: { ...asDeveloper, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `http://127.0.0.1:${receiverPort}/o2c-webhooks`,
        eventTypes: ['OrderAccepted'],
        filter: { channel: 'webshop' },
      }),
    });
    const { secret } = (await created.json()) as { secret: string };
    const webhooks: WebhookEvent[] = [];
    const app = webhookReceiver(secret, (event) => webhooks.push(event));
    receiver = app.listen(receiverPort, '127.0.0.1');

    // The downstream system's Kafka consumer.
    const events: PlatformEvent[] = [];
    consumers.push(
      await readEvents({
        kafka,
        registryUrl: testInfra.registryUrl,
        topics: [`${prefix}sales.orders`],
        groupId: uniqueName('downstream'),
        handle: (event) => Promise.resolve(void events.push(event)),
      }),
    );

    // The upstream shop, sending the same submission twice (a retry after a timeout).
    // A plain object, as the shop has it (the example knows no type of ours).
    const order = { ...buildOrderSubmitted() };
    const shop = {
      producer,
      registryUrl: testInfra.registryUrl,
      topic: `${prefix}channels.orders`,
      source: 'urn:shop:webstore',
    };
    const submission = await submitOrder(shop, order);
    await submitOrder(shop, order, submission);

    const accepted = await waitFor(() => events.find((e) => e.type === 'OrderAccepted'), {
      timeoutMs: 60_000,
      what: 'OrderAccepted read from Kafka',
    });
    const data = accepted.data as { orderId: string; channelOrderRef: string; totalMinor: number };
    expect(data).toMatchObject({ channelOrderRef: order.channelOrderRef, totalMinor: 35_000 });
    expect(accepted.subject).toBe(data.orderId);
    const webhook = await waitFor(() => webhooks[0], { timeoutMs: 60_000, what: 'the webhook' });
    expect(webhook).toMatchObject({
      type: 'o2c.OrderAccepted',
      eventId: accepted.id,
      orderId: data.orderId,
    });

    // The receiver refuses what is not signed with the secret.
    const forged = await fetch(`http://127.0.0.1:${receiverPort}/o2c-webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9yZ2Vk',
      },
      body: JSON.stringify(webhook),
    });
    expect(forged.status).toBe(401);
    // One submission, sent twice: once order-intake read both copies and webhooks read what it
    // published, there is one accepted order and one webhook. (A plain kafkajs consumer never shows
    // lag 0 behind a transactional producer's last commit marker; our runtime's groups do.)
    const drained = async (group: string, topic: string) =>
      waitFor(async () => (await groupLag(kafka, group, [prefix + topic])) === 0, {
        timeoutMs: 60_000,
        what: `${group} caught up on ${topic}`,
      });
    await drained(intakeGroup, 'channels.orders');
    await drained(webhooksGroup, 'sales.orders');
    expect(events.filter((e) => e.type === 'OrderAccepted')).toHaveLength(1);
    expect(webhooks).toHaveLength(1);
  }, 300_000);
});
