import { createLogger } from '@o2c/observability';
import { Partitioners } from 'kafkajs';
import { testInfra, uniqueName, waitFor } from '@o2c/testing';
import {
  createAvroSerde,
  createConsumer,
  createEventProducer,
  createKafka,
  createSchemaRegistry,
  type ConsumedMessage,
  type EventProducer,
  type TypedConsumer,
} from '../src';
import { toLegacyHeaders } from '../src/envelope';
import { buildSchema, uniqueNamespace } from './fixtures';

const logger = createLogger({ service: 'kafka-test', level: 'warn' });

/**
 * The CloudEvents migration on a real broker: one topic carries what three releases write (the
 * original headers only, both sets, CloudEvents only) and one consumer reads all three alike.
 */
describe('envelope migration to CloudEvents', () => {
  const kafka = createKafka({ clientId: 'migration-test', brokers: testInfra.brokers, logger });
  const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
  const producers: EventProducer[] = [];
  let consumer: TypedConsumer | undefined;
  afterAll(async () => {
    await Promise.all(producers.map((p) => p.disconnect()));
    await consumer?.disconnect();
  });

  it('reads the original, the dual and the CloudEvents-only envelope of one key in order', async () => {
    const topic = uniqueName('migration');
    const schema = buildSchema(uniqueNamespace());
    const event = (id: string) => ({
      topic,
      key: 'order-7',
      eventType: 'ThingHappened',
      schemaVersion: 1,
      schema,
      data: { id, quantity: 1, note: null },
      correlationId: 'order-7',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    const legacy = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await legacy.connect();
    const oldMeta = {
      eventId: 'a7c3c9a4-54b1-4a39-a0d4-0c3f1f1f0001',
      eventType: 'ThingHappened',
      schemaVersion: 1,
      occurredAt: Date.now(),
      correlationId: 'order-7',
      producer: 'older-release',
    };
    await legacy.send({
      topic,
      messages: [
        {
          key: 'order-7',
          value: await serde.encode(schema, { id: 'old', quantity: 1, note: null }),
          headers: toLegacyHeaders(oldMeta),
        },
      ],
    });
    await legacy.disconnect();
    const sent = [];
    for (const headers of ['both', 'cloudevents'] as const) {
      const producer = createEventProducer({
        kafka,
        serde,
        service: `p-${headers}`,
        logger,
        headers,
      });
      producers.push(producer);
      await producer.connect();
      sent.push(await producer.publish(event(headers)));
    }

    consumer = createConsumer({ kafka, serde, groupId: uniqueName('g'), topics: [topic], logger });
    const seen: ConsumedMessage[] = [];
    await consumer.start(async (batch, control) => {
      for (const message of batch.messages) {
        seen.push(message);
        control.markDone(message.offset);
      }
      await control.commit();
    });
    await waitFor(() => seen.length >= 3, { what: 'three messages' });

    expect(seen.map((m) => (m.ok ? (m.value as { id: string }).id : m.error.message))).toEqual([
      'old',
      'both',
      'cloudevents',
    ]);
    expect(seen.map((m) => m.ok && m.metadata)).toEqual([
      oldMeta,
      { ...sent[0], producer: 'p-both' },
      { ...sent[1], producer: 'p-cloudevents' },
    ]);
    const ceOnly = seen[2]!.headers;
    expect(ceOnly['event-id']).toBeUndefined();
    expect(ceOnly).toMatchObject({ ce_specversion: '1.0', ce_subject: 'order-7' });
  });
});
