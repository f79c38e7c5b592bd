import { randomUUID } from 'node:crypto';
import { contractOf, keyOf, type EventPayloads, type EventType } from '@o2c/contracts';
import { fromHeaders, toHeaders } from '@o2c/kafka';

import {
  simMasterData,
  startReady,
  waitFor,
  type MasterDataEvent,
  asDeveloper,
  readTopic,
  asDeadLetter,
  type TopicReader,
  createServiceFixture,
  waitSettled,
} from '@o2c/testing';

import type { KafkaMessage } from 'kafkajs';
import { INPUT_TOPICS } from '../src/adapters/kafka/inventory-handler';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/config';

export interface Seen<T = Record<string, unknown>> {
  type: string;
  value: T;
  causationId: string | undefined;
}

export const until = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) =>
  waitFor(async () => probe(), { timeoutMs: 30_000, intervalMs: 100, what });

/** inventory-sync in-process on port 0, against the real Kafka, registry and Postgres. */
export async function startHarness(env: Record<string, string> = {}) {
  const fx = await createServiceFixture('inventory-sync', 'inventory');
  const { db, prefix, group, kafka, serde } = fx;
  const app = createApp({
    config: loadConfig({
      ...fx.env,
      RECONCILE_INTERVAL_MS: '0',
      REPLENISHMENT_INTERVAL_MS: '0',
      ...env,
    }),
  });
  const url = await startReady(app, { cleanup: () => db.drop() });

  const producer = kafka.producer();
  await producer.connect();
  const readers: Array<TopicReader<unknown>> = [];

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = asDeveloper,
  ) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { res, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  const send = async <T extends EventType>(
    type: T,
    data: EventPayloads[T],
    eventId = randomUUID(),
  ) => {
    const c = contractOf(type);
    const key = keyOf(type, data);
    const value = await serde.encode(c.schema, data);
    const headers = toHeaders({
      eventId,
      eventType: type,
      schemaVersion: c.version,
      occurredAt: Date.now(),
      correlationId: key,
      producer: 'inventory-test',
    });
    await producer.send({ topic: prefix + c.topic, messages: [{ key, value, headers }] });
    return eventId;
  };
  /** Publishes master data as odoo-adapter would and waits until the catalogue has it. */
  const masterData = async (events: readonly MasterDataEvent[]) => {
    const ids: string[] = [];
    for (const e of events) ids.push(await send(e.type, e.data));
    await until(async () => {
      const rows = await app.db('inbox').whereIn('event_id', ids).select('event_id');
      return rows.length === ids.length ? true : undefined;
    }, 'master data applied');
  };
  // The simulator's seed, as the adapter publishes it: the catalogue every test reserves with.
  await masterData(simMasterData);

  return {
    url,
    app,
    db: app.db,
    prefix,
    group,
    call,
    masterData,
    /** Publishes an upstream event with the real serde; the same eventId twice is a redelivery. */
    send,
    /** Every message of a (prefixed) topic from the beginning, decoded, as it arrives. */
    async collect(topic: string) {
      const toSeen = async (message: KafkaMessage): Promise<Seen> => {
        const meta = fromHeaders(message.headers ?? {});
        const value = await serde.decode<Record<string, unknown>>(message.value!);
        return { type: meta.eventType, value, causationId: meta.causationId };
      };
      const reader = await readTopic(kafka, prefix + topic, toSeen);
      readers.push(reader);
      return reader.seen;
    },
    /** Dead letters of a source topic (before the prefix): key, reason, error code and message. */
    async deadLetters(topic: string) {
      const reader = await readTopic(kafka, `${prefix}${topic}.dlq.${group}`, asDeadLetter);
      readers.push(reader);
      return reader.seen;
    },
    /**
     * Waits until every event sent has been handled, the outbox is published, and `seen` (a
     * `collect` of `topic`) holds every row the outbox ever wrote to it: nothing more is coming.
     */
    settled: (seen: readonly Seen[], topic: string) =>
      waitSettled({
        kafka,
        group,
        inputs: INPUT_TOPICS.map((t) => prefix + t),
        db: app.db,
        seen,
        topic: prefix + topic,
        what: `inventory-sync settled: input handled, outbox published, ${topic} read`,
      }),
    async position(sku: string, warehouse: string) {
      const { body } = await call('GET', `/availability?sku=${sku}&warehouse=${warehouse}`);
      return (body.positions as Array<Record<string, number>>)[0];
    },
    async verify() {
      return (await call('GET', '/admin/verify')).body as {
        violations: unknown[];
        orders: Record<string, Record<string, Record<string, number>>>;
      };
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
