import { randomUUID } from 'node:crypto';
import { createLogger } from '@o2c/observability';
import { testInfra, uniqueName, waitFor } from '@o2c/testing';
import type { Consumer, Producer } from 'kafkajs';
import { createAvroSerde, createKafka, createSchemaRegistry, fromHeaders, toHeaders } from '../src';
import { buildSchema, uniqueNamespace } from './fixtures';

const logger = createLogger({ service: 'kafka-test', level: 'warn' });

describe('Avro through the real registry and broker', () => {
  const kafka = createKafka({ clientId: 'avro-roundtrip', brokers: testInfra.brokers, logger });
  const registry = createSchemaRegistry(testInfra.registryUrl);
  const serde = createAvroSerde(registry);
  let producer: Producer;
  let consumer: Consumer;

  afterAll(async () => {
    await producer?.disconnect();
    await consumer?.disconnect();
  });

  it('registers, produces in the Confluent wire format, consumes and decodes the same value', async () => {
    const topic = uniqueName('roundtrip');
    const schema = buildSchema(uniqueNamespace());
    const value = { id: randomUUID(), quantity: 2.5, note: 'fragile' };
    const meta = {
      eventId: randomUUID(),
      eventType: 'ThingHappened',
      schemaVersion: 1,
      occurredAt: Date.now(),
      correlationId: 'order-1',
      producer: 'kafka-test',
      aggregateSequence: 1,
    };

    const encoded = await serde.encode(schema, value);
    const id = await serde.schemaId(schema);
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    // The registry knows the schema under the record-name subject.
    expect(await registry.getLatestSchemaId(`${schema.namespace}.${schema.name}`)).toBe(id);

    producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [{ key: value.id, value: encoded, headers: toHeaders(meta) }],
    });

    consumer = kafka.consumer({ groupId: uniqueName('g') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: Array<{ value: unknown; meta: unknown; key: string }> = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({
          key: message.key!.toString(),
          value: await serde.decode(message.value!),
          meta: fromHeaders(message.headers),
        });
      },
    });
    await waitFor(() => (received.length ? true : undefined), { what: 'the message' });
    expect(received).toEqual([{ key: value.id, value, meta }]);
  });

  it('refuses a value that does not fit its schema before anything is sent', async () => {
    const schema = buildSchema(uniqueNamespace());
    await expect(serde.encode(schema, { id: 'x', quantity: 'lots' })).rejects.toThrow(
      /does not match schema .*ThingHappened: invalid at quantity/,
    );
  });

  it('surfaces the registry refusing an incompatible version with HTTP 409', async () => {
    const namespace = uniqueNamespace();
    await serde.schemaId(buildSchema(namespace));
    // A new field without a default cannot read old data: not BACKWARD compatible.
    const incompatible = buildSchema(namespace, [
      { name: 'warehouse', type: 'string', doc: 'new, no default' },
    ]);
    const error = (await serde.schemaId(incompatible).catch((e: unknown) => e)) as Error & {
      status?: number;
    };
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/incompatible|compatib/i);
  });
});
