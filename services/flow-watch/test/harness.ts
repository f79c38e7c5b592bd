import type { KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { contractOf, type EventPayloads, type EventType } from '@o2c/contracts';
import { ensureTopics, fromHeaders, toHeaders } from '@o2c/kafka';

import {
  asDeveloper,
  startReady,
  waitFor,
  readTopic,
  type TopicReader,
  createServiceFixture,
} from '@o2c/testing';
import { Partitioners, type Message } from 'kafkajs';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/config';

export const until = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) =>
  waitFor(async () => probe(), { timeoutMs: 60_000, intervalMs: 100, what });

export interface Seen {
  type: string;
  key: string;
  value: Record<string, unknown>;
}

/** flow-watch in-process on port 0 (restartable on the same database), on the real infra. */
export async function startHarness(env: Record<string, string> = {}) {
  const fx = await createServiceFixture('flow-watch', 'flow_watch');
  const { db, prefix, kafka, serde } = fx;
  const config = loadConfig({
    ...fx.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    CONSUMER_BACKOFF_MAX_MS: '200',
    ...env,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const readers: Array<TopicReader<unknown>> = [];
  let app = createApp({ config });
  let url = await startReady(app, { cleanup: () => db.drop() });

  const call = async (path: string) => {
    const res = await fetch(url + path, { headers: asDeveloper });
    return { status: res.status, text: await res.text() };
  };

  return {
    get app() {
      return app;
    },
    get url() {
      return url;
    },
    call,
    metrics: async () => (await call('/metrics')).text,
    /** Publishes catalogued events as their owner would. */
    async send<T extends EventType>(type: T, events: { data: EventPayloads[T]; at: number }[]) {
      const c = contractOf(type);
      const messages: Message[] = await Promise.all(
        events.map(async ({ data, at }) => {
          const key = (data as { orderId: string }).orderId;
          const headers = toHeaders(
            {
              eventId: randomUUID(),
              eventType: type,
              schemaVersion: c.version,
              occurredAt: at,
              correlationId: key,
              producer: 'test',
            },
            { subject: key },
          );
          return { key, value: await serde.encode(c.schema, data), headers };
        }),
      );
      await producer.send({ topic: prefix + c.topic, messages });
    },
    /** Plain messages on a (prefixed) topic, created if missing: what a dead-letter writer leaves. */
    async sendRaw(topic: string, messages: Message[]) {
      await ensureTopics(kafka, [{ topic: prefix + topic, numPartitions: 1 }]);
      await producer.send({ topic: prefix + topic, messages });
    },
    /** Every message of a (prefixed) topic from the beginning, decoded, as it arrives. */
    async collect(topic: string) {
      const toSeen = async (message: KafkaMessage): Promise<Seen> => ({
        type: fromHeaders(message.headers ?? {}).eventType,
        key: message.key?.toString() ?? '',
        value: await serde.decode<Record<string, unknown>>(message.value!),
      });
      const reader = await readTopic(kafka, prefix + topic, toSeen);
      readers.push(reader);
      return reader.seen;
    },
    /** Stops the service and starts a new one on the same database, topics and group. */
    async restart() {
      await app.stop();
      app = createApp({ config });
      url = await startReady(app);
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
