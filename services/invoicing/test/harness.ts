import { randomUUID } from 'node:crypto';
import { contractOf, type EventPayloads, type EventType } from '@o2c/contracts';
import { toHeaders } from '@o2c/kafka';

import {
  waitFor,
  startReady,
  asDeveloper,
  readTopic,
  asSeenMessage,
  type TopicReader,
  createServiceFixture,
} from '@o2c/testing';
import type { IHeaders } from 'kafkajs';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/config';
import type { Invoice, ReconciliationReport } from '../src/domain';
import { UNPUBLISHED } from '@o2c/outbox';

export type { SeenMessage as Seen } from '@o2c/testing';

export const until = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) =>
  waitFor(async () => probe(), { timeoutMs: 30_000, intervalMs: 100, what });

/** invoicing in-process on port 0, against the real Kafka, registry and Postgres. */
export async function startHarness(env: Record<string, string> = {}) {
  const fx = await createServiceFixture('invoicing', 'invoicing');
  const { db, prefix, group, kafka, serde } = fx;
  const app = createApp({
    config: loadConfig({
      ...fx.env,
      CONSUMER_BACKOFF_MAX_MS: '500',
      ...env,
    }),
  });
  const url = await startReady(app, { cleanup: () => db.drop() });

  const producer = kafka.producer();
  await producer.connect();
  const readers: Array<TopicReader<unknown>> = [];

  return {
    url,
    app,
    db: app.db,
    prefix,
    /** The consumer group (dead letters go to `<prefix><topic>.dlq.<group>`). */
    group,
    /** Publishes a catalogued event as its owner would; the same eventId twice is a redelivery. */
    async send<T extends EventType>(type: T, data: EventPayloads[T], eventId = randomUUID()) {
      const c = contractOf(type);
      const keyed = data as { orderId?: string; purchaseId?: string };
      const key = keyed.orderId ?? keyed.purchaseId!;
      const headers = toHeaders({
        eventId,
        eventType: type,
        schemaVersion: c.version,
        occurredAt: Date.now(),
        correlationId: key,
        producer: 'invoicing-test',
      });
      const value = await serde.encode(c.schema, data);
      await producer.send({ topic: prefix + c.topic, messages: [{ key, value, headers }] });
      return eventId;
    },
    /** Waits until every outbox row of `key` is marked published. */
    outboxPublished: (key: string) =>
      waitFor(
        async () => (await app.db('outbox').where({ key }).whereRaw(UNPUBLISHED)).length === 0,
        { timeoutMs: 30_000, what: `outbox rows of ${key} published` },
      ),
    /** GET against the service, JSON out. */
    async get(path: string) {
      const res = await fetch(url + path, { headers: asDeveloper });
      return { res, body: (await res.json()) as Record<string, unknown> };
    },
    /** Every message of a topic from the beginning, decoded, as it arrives. */
    async collect(topic: string) {
      const reader = await readTopic(kafka, topic, asSeenMessage(serde));
      readers.push(reader);
      return reader.seen;
    },
    async stop() {
      await Promise.all(readers.map((r) => r.stop()));
      await producer.disconnect();
      await app.stop();
      await db.drop();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export const header = (headers: IHeaders, name: string) => headers[name]?.toString();

/** The order's invoices over the API, once it has at least `count`. */
export const invoicesOf = (h: Harness, orderId: string, count: number) =>
  until(async () => {
    const { res, body } = await h.get(`/orders/${orderId}/invoices`);
    const invoices = body.invoices as Invoice[] | undefined;
    return res.ok && invoices!.length >= count ? invoices! : undefined;
  }, `${count} invoice(s) of ${orderId}`);

export const reconciliationOf = async (h: Harness, orderId: string) =>
  (await h.get(`/orders/${orderId}/reconciliation`)).body as unknown as ReconciliationReport;
