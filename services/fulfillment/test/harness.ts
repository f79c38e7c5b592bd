import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { contractOf, type EventPayloads, type EventType } from '@o2c/contracts';
import { ensureTopics, fromHeaders, toHeaders } from '@o2c/kafka';

import {
  waitFor,
  type SpawnedProcess,
  startReady,
  asDeveloper,
  readTopic,
  asDeadLetter,
  type TopicReader,
  createServiceFixture,
  waitSettled,
} from '@o2c/testing';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { CONSUMED_TOPICS } from '../src/adapters/kafka/fulfillment-handler';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/config';

export const serviceMain = join(__dirname, '../src/main.ts');

/** The fields of fulfillment's answers the tests read. */
export interface Answer {
  returnId?: string;
  title?: string;
  shipments: Array<{ state: string; history: Array<{ state: string; note: string }> }>;
}

export interface Seen {
  headers: IHeaders;
  value: Record<string, unknown>;
  type: string;
}

export const until = <T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 30_000,
) => waitFor(async () => probe(), { timeoutMs, intervalMs: 100, what });

import type { CarrierSimProcess } from './carrier-sim';

export { startCarrierSim, type CarrierSimProcess } from './carrier-sim';

export {
  buildOrderAccepted,
  buildOrderImported,
  buildReserved,
  postalCodeFor,
} from './flow-events';
export async function startHarness(sim: CarrierSimProcess, env: Record<string, string> = {}) {
  const fx = await createServiceFixture('fulfillment', 'fulfillment');
  const { db, prefix, group, kafka, serde } = fx;
  const serviceEnv = {
    ...fx.env,
    CARRIER_API_URL: sim.url,
    CARRIER_TIMEOUT_MS: '1000',
    CARRIER_BACKOFF_MS: '100',
    SAGA_POLL_MS: '100',
    ...env,
  };
  let app: ReturnType<typeof createApp> | undefined;
  let url = '';
  const startApp = async () => {
    app = createApp({ config: loadConfig(serviceEnv) });
    url = await startReady(app);
    return url;
  };

  const producer = kafka.producer();
  await producer.connect();
  await ensureTopics(
    kafka,
    [
      'sales.orders',
      'inventory.reservations',
      'fulfillment.shipments',
      'fulfillment.exceptions',
    ].map((t) => ({ topic: prefix + t, numPartitions: 3 })),
  );
  const readers: Array<TopicReader<unknown>> = [];
  const seen: Seen[] = [];

  const collect = async (topic: string) => {
    const toSeen = async (message: KafkaMessage): Promise<Seen> => {
      const headers = message.headers ?? {};
      const value = await serde.decode<Record<string, unknown>>(message.value!);
      return { headers, value, type: fromHeaders(headers).eventType };
    };
    readers.push(await readTopic(kafka, prefix + topic, toSeen, seen));
  };
  await collect('fulfillment.shipments');
  await collect('fulfillment.exceptions');

  const h = {
    db,
    prefix,
    group,
    serviceEnv,
    seen,
    get url() {
      return url;
    },
    get app() {
      return app!;
    },
    startApp,
    /**
     * Waits until the service has consumed every message sent to it, published every outbox row,
     * and the test has seen them all: what has not happened by then will not happen.
     */
    settled: () =>
      waitSettled({
        kafka,
        group,
        inputs: CONSUMED_TOPICS.map((t) => prefix + t),
        db: app!.db,
        seen,
        what: 'fulfillment settled: input consumed, outbox published and seen',
      }),
    /** Publishes a catalogued event as its owner would; the same eventId twice is a redelivery. */
    async send<T extends EventType>(
      type: T,
      data: EventPayloads[T],
      eventId: string = randomUUID(),
    ) {
      const c = contractOf(type);
      const key = (data as { orderId: string }).orderId;
      const value = await serde.encode(c.schema, data);
      const headers = toHeaders({
        eventId,
        eventType: type,
        schemaVersion: c.version,
        occurredAt: Date.now(),
        correlationId: key,
        producer: 'test',
      });
      await producer.send({ topic: prefix + c.topic, messages: [{ key, value, headers }] });
      return eventId;
    },
    /** Events fulfillment published for one order, in arrival order. */
    eventsOf: (orderId: string, type?: string) =>
      seen.filter((s) => s.value.orderId === orderId && (type === undefined || s.type === type)),
    /** Waits until `count` events of a type were published for the order. */
    waitEvents: (orderId: string, type: string, count = 1, timeoutMs = 30_000) =>
      until(
        () => {
          const found = h.eventsOf(orderId, type);
          return found.length >= count ? found : undefined;
        },
        `${count} ${type} for ${orderId}`,
        timeoutMs,
      ),
    async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', ...asDeveloper, ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { res, body: (text ? JSON.parse(text) : {}) as Answer };
    },
    async verify() {
      return (await h.call('GET', '/admin/verify')).body as unknown as {
        violations: unknown[];
        orders: Record<
          string,
          {
            state: string;
            shippedByLine: Record<string, number>;
            returnedByLine: Record<string, number>;
            shipments: number;
            updatedAt: number;
          }
        >;
      };
    },
    /** Dead letters of a source topic (before the prefix): key, event id, reason, code, message. */
    async deadLetters(topic: string) {
      const reader = await readTopic(kafka, `${prefix}${topic}.dlq.${group}`, asDeadLetter);
      readers.push(reader);
      return reader.seen;
    },
    async stopApp() {
      await app?.stop();
      app = undefined;
    },
    async stop() {
      await Promise.all(readers.map((r) => r.stop()));
      await producer.disconnect();
      await app?.stop();
      await db.drop();
    },
  };
  return h;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
export type { SpawnedProcess };
