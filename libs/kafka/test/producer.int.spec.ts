import { createLogger } from '@o2c/observability';
import { testInfra, uniqueName, waitFor } from '@o2c/testing';
import type { Consumer } from 'kafkajs';
import { createAvroSerde, createKafka, createSchemaRegistry, fromHeaders } from '../src';
import { createEventProducer, type EventProducer } from '../src/producer';
import { buildSchema, uniqueNamespace } from './fixtures';

const logger = createLogger({ service: 'kafka-test', level: 'warn' });

describe('createEventProducer', () => {
  const kafka = createKafka({ clientId: 'producer-test', brokers: testInfra.brokers, logger });
  const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
  let producer: EventProducer;
  let consumer: Consumer;

  afterAll(async () => {
    await producer?.disconnect();
    await consumer?.disconnect();
  });

  it('publishes enveloped Avro events, one key to one partition in order', async () => {
    const topic = uniqueName('producer');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
    await admin.disconnect();
    const schema = buildSchema(uniqueNamespace());
    producer = createEventProducer({ kafka, serde, service: 'tool', logger });
    await producer.connect();

    const sent = [];
    for (let i = 0; i < 6; i++) {
      sent.push(
        await producer.publish({
          topic,
          key: i % 2 ? 'order-a' : 'order-b',
          eventType: 'ThingHappened',
          schemaVersion: 1,
          schema,
          data: { id: `t${i}`, quantity: i, note: null },
          correlationId: 'corr',
          causationId: 'cause',
        }),
      );
    }
    expect(new Set(sent.map((m) => m.eventId)).size).toBe(6);

    consumer = kafka.consumer({ groupId: uniqueName('g') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: Array<{ key: string; partition: number; id: string; eventId: string }> = [];
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const value = await serde.decode<{ id: string }>(message.value!);
        const meta = fromHeaders(message.headers);
        expect(meta).toMatchObject({ producer: 'tool', causationId: 'cause', schemaVersion: 1 });
        got.push({ key: message.key!.toString(), partition, id: value.id, eventId: meta.eventId });
      },
    });
    await waitFor(() => (got.length === 6 ? true : undefined), { what: 'six events' });

    for (const key of ['order-a', 'order-b']) {
      const mine = got.filter((g) => g.key === key);
      expect(new Set(mine.map((g) => g.partition)).size).toBe(1);
      const expected = sent.filter((_, i) => (i % 2 ? 'order-a' : 'order-b') === key);
      expect(mine.map((g) => g.eventId)).toEqual(expected.map((m) => m.eventId));
    }
  });

  it('refuses a value that does not fit its schema', async () => {
    const schema = buildSchema(uniqueNamespace());
    await expect(
      producer.publish({
        topic: uniqueName('never'),
        key: 'k',
        eventType: 'ThingHappened',
        schemaVersion: 1,
        schema,
        data: { id: 1 },
        correlationId: 'c',
      }),
    ).rejects.toThrow(/does not match schema/);
  });
});
