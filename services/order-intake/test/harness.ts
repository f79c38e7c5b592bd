import { randomUUID } from 'node:crypto';
import {
  contractOf,
  type EventPayloads,
  type EventType,
  type OrderSubmitted,
} from '@o2c/contracts';
import { deadLetterTopic } from '@o2c/inbox';
import { toHeaders } from '@o2c/kafka';

import {
  simMasterData,
  startReady,
  waitFor,
  type MasterDataEvent,
  asDeveloper,
  readTopic,
  asSeenMessage,
  type TopicReader,
  createServiceFixture,
} from '@o2c/testing';
import type { IHeaders } from 'kafkajs';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/config';
import { sampleOf } from '@o2c/testing';

export type { SeenMessage as Seen } from '@o2c/testing';

export const until = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) =>
  waitFor(async () => probe(), { timeoutMs: 30_000, intervalMs: 100, what });

/** order-intake in-process on port 0, against the real Kafka, registry and Postgres. */
export async function startHarness(env: Record<string, string> = {}) {
  const fx = await createServiceFixture('order-intake', 'intake');
  const { db, prefix, group, kafka, serde } = fx;
  const app = createApp({
    config: loadConfig({
      ...fx.env,
      ...env,
    }),
  });
  const url = await startReady(app, { cleanup: () => db.drop() });

  const producer = kafka.producer();
  await producer.connect();
  const readers: Array<TopicReader<unknown>> = [];
  const submissions = prefix + 'channels.orders';
  const send = async (
    type: EventType,
    data: unknown,
    key: string,
    eventId: string,
    topic = submissions,
    occurredAt = Date.now(),
  ) => {
    const c = contractOf(type);
    const value = await serde.encode(c.schema, data);
    const headers = toHeaders({
      eventId,
      eventType: type,
      schemaVersion: c.version,
      occurredAt,
      correlationId: key,
      producer: 'channel-test',
    });
    await producer.send({ topic, messages: [{ key, value, headers }] });
    return eventId;
  };
  /** Publishes master data as odoo-adapter would and waits until the service applied it. */
  const masterData = async (events: readonly MasterDataEvent[]) => {
    const ids: string[] = [];
    for (const e of events) {
      ids.push(
        await send(e.type, e.data, e.data.entityKey, randomUUID(), prefix + 'odoo.master-data'),
      );
    }
    await until(async () => {
      const rows = await app.db('inbox').whereIn('event_id', ids).select('event_id');
      return rows.length === ids.length ? true : undefined;
    }, 'master data applied');
  };
  // The simulator's seed, as the adapter publishes it: what every test orders against.
  await masterData(simMasterData);

  return {
    masterData,
    url,
    db: app.db,
    app,
    prefix,
    dlqTopic: deadLetterTopic(submissions, group),
    /** POST/GET against the service; JSON in and out. */
    async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', ...asDeveloper, ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { res, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
    },
    /** Sends an OrderSubmitted as a channel would; the same eventId twice is a redelivery. */
    submit(data: OrderSubmitted, eventId: string = randomUUID()) {
      return send('OrderSubmitted', data, data.channelOrderRef, eventId);
    },
    /** Any catalogued event, well encoded, on channels.orders (a channel publishing the wrong thing). */
    sendEvent: <T extends EventType>(type: T, data: EventPayloads[T], key: string) =>
      send(type, data, key, randomUUID()),
    /** A downstream service's event on its (prefixed) topic; the same eventId twice is a redelivery. */
    publish: <T extends EventType>(
      topic: string,
      type: T,
      data: EventPayloads[T],
      key: string,
      eventId: string = randomUUID(),
      occurredAt?: number,
    ) => send(type, data, key, eventId, prefix + topic, occurredAt),
    /** One sample of the service's /metrics, by name and (some of its) labels; undefined if absent. */
    async metric(name: string, labels: Record<string, string> = {}) {
      return sampleOf(await (await fetch(`${url}/metrics`)).text(), name, labels);
    },
    sendRaw: (key: string, value: Buffer, headers: IHeaders = {}) =>
      producer.send({ topic: submissions, messages: [{ key, value, headers }] }),
    /** Every message of a topic from the beginning, decoded when it can be, as it arrives. */
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
