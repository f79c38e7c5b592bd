import { randomUUID } from 'node:crypto';
import { contractOf, type EventPayloads, type EventType } from '@o2c/contracts';
import { toHeaders } from '@o2c/kafka';

import { asDeveloper, startReady, waitFor, createServiceFixture } from '@o2c/testing';
import { Partitioners } from 'kafkajs';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/config';

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  orderId: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

export interface Attempt {
  attempt: number;
  statusCode: number | null;
  error: string | null;
  outcome: string;
}

/** The fields of the API's JSON answers the tests read. */
export interface ApiBody {
  [field: string]: unknown;
  id?: string;
  secret?: string;
  status?: string;
  eventTypes?: string[];
  previousSecretValidUntil?: string;
  errors?: Array<{ path: string; message: string }>;
  attempts?: number;
  attemptLog?: Attempt[];
  deliveries?: Delivery[];
}

export const until = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) =>
  waitFor(async () => probe(), { timeoutMs: 30_000, intervalMs: 50, what });

/** The webhooks service in-process on port 0, against the real Kafka, registry and Postgres. */
export async function startHarness(env: Record<string, string> = {}) {
  const fx = await createServiceFixture('webhooks', 'webhooks');
  const { db, prefix, kafka, serde } = fx;
  const app = createApp({
    config: loadConfig({
      ...fx.env,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      CONSUMER_BACKOFF_MAX_MS: '200',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_RETRY_SCHEDULE_MS: '100,100,100,100,100',
      ...env,
    }),
  });
  const url = await startReady(app, { cleanup: () => db.drop() });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...asDeveloper,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (text ? JSON.parse(text) : {}) as ApiBody,
    };
  };

  return {
    url,
    app,
    db: app.db,
    call,
    /** Publishes a catalogued event as its owner would; the same eventId twice is a redelivery. */
    async send<T extends EventType>(type: T, data: EventPayloads[T], eventId = randomUUID()) {
      const c = contractOf(type);
      const key = (data as { orderId: string }).orderId;
      const headers = toHeaders(
        {
          eventId,
          eventType: type,
          schemaVersion: c.version,
          occurredAt: Date.now(),
          correlationId: key,
          producer: 'test',
        },
        { subject: key },
      );
      await producer.send({
        topic: prefix + c.topic,
        messages: [{ key, value: await serde.encode(c.schema, data), headers }],
      });
      return eventId;
    },
    async subscribe(body: Record<string, unknown>) {
      const res = await call('POST', '/webhooks/subscriptions', body);
      if (res.status !== 201)
        throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as ApiBody & { id: string; secret: string };
    },
    /** The subscription's deliveries once `probe` accepts them. */
    deliveriesOf: (id: string, probe: (d: Delivery[]) => boolean, what: string) =>
      until(async () => {
        const { body } = await call('GET', `/webhooks/subscriptions/${id}/deliveries`);
        const list = body.deliveries ?? [];
        return probe(list) ? list : undefined;
      }, what),
    async stop() {
      await producer.disconnect();
      await app.stop();
      await db.drop();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
