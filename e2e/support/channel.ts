import { randomUUID } from 'node:crypto';
import { contractOf, type OrderSubmitted } from '@o2c/contracts';
import {
  createAvroSerde,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  fromHeaders,
  toHeaders,
} from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { testInfra, uniqueName } from '@o2c/testing';
import type { IHeaders, Producer } from 'kafkajs';
import type { Endpoints } from './platform';

export interface Seen {
  headers: IHeaders;
  /** Broker timestamp (ms): when the message became visible to consumers. */
  timestamp: number;
  type: string;
  value: unknown;
}

/** A channel publishing to channels.orders, and a reader of any topic, on the platform's prefix. */
export async function createChannel(p: Endpoints) {
  const logger = createLogger({ service: 'e2e-channel', level: 'error' });
  const kafka = createKafka({ clientId: 'e2e-channel', brokers: testInfra.brokers, logger });
  const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
  const topic = `${p.prefix}channels.orders`;
  await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
  const producer: Producer = kafka.producer();
  await producer.connect();
  const consumers: Array<{ disconnect(): Promise<void> }> = [];
  return {
    topic,
    async submit(order: OrderSubmitted, eventId: string = randomUUID()) {
      const c = contractOf('OrderSubmitted');
      const headers = toHeaders({
        eventId,
        eventType: 'OrderSubmitted',
        schemaVersion: c.version,
        occurredAt: Date.now(),
        correlationId: order.channelOrderRef,
        producer: 'e2e-channel',
      });
      const value = await serde.encode(c.schema, order);
      await producer.send({ topic, messages: [{ key: order.channelOrderRef, value, headers }] });
      return eventId;
    },
    sendRaw: (key: string, value: Buffer, headers: IHeaders = {}) =>
      producer.send({ topic, messages: [{ key, value, headers }] }),
    /** Every message of a topic (unprefixed name) from the start, decoded when possible. */
    async read(name: string) {
      const seen: Seen[] = [];
      const consumer = kafka.consumer({ groupId: uniqueName('e2e-reader') });
      consumers.push(consumer);
      await consumer.connect();
      await ensureTopics(kafka, [{ topic: p.prefix + name, numPartitions: 3 }]);
      await consumer.subscribe({ topic: p.prefix + name, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers = message.headers ?? {};
          const value = await serde.decode(message.value!).catch(() => message.value);
          let type = 'unknown';
          try {
            type = fromHeaders(headers).eventType;
          } catch {
            // dead letters of envelope-less messages carry no event type
          }
          seen.push({ headers, type, value, timestamp: Number(message.timestamp) });
        },
      });
      return seen;
    },
    async close() {
      await Promise.all(consumers.map((c) => c.disconnect()));
      await producer.disconnect();
    },
  };
}

export const buildSubmitted = (overrides: Partial<OrderSubmitted> = {}): OrderSubmitted => ({
  channelCode: 'webshop',
  channelOrderRef: `WEB-${randomUUID().slice(0, 8)}`,
  submittedAt: Date.now(),
  customerRef: 'CUST-001',
  currency: 'EUR',
  lines: [
    {
      lineRef: '1',
      sku: 'COFF-1KG',
      quantity: 2,
      uom: 'KG',
      unitPriceMinor: 1_800,
      substitutionAllowed: null,
    },
  ],
  shipTo: null,
  warehouseCode: 'WH',
  requestedDeliveryAt: null,
  note: null,
  ...overrides,
});
