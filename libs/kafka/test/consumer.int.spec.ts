import { randomUUID } from 'node:crypto';
import { createLogger } from '@o2c/observability';
import { testInfra, uniqueName, waitFor } from '@o2c/testing';
import {
  createAvroSerde,
  createConsumer,
  createKafka,
  createSchemaRegistry,
  toHeaders,
  type ConsumedMessage,
  type TypedConsumer,
} from '../src';
import { buildSchema, uniqueNamespace } from './fixtures';

const logger = createLogger({ service: 'kafka-test', level: 'warn' });

describe('createConsumer', () => {
  const kafka = createKafka({ clientId: 'consumer-test', brokers: testInfra.brokers, logger });
  const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
  const consumers: TypedConsumer[] = [];
  afterAll(() => Promise.all(consumers.map((c) => c.disconnect())));

  const meta = (eventId: string) => ({
    eventId,
    eventType: 'ThingHappened',
    schemaVersion: 1,
    occurredAt: Date.now(),
    correlationId: 'order-1',
    producer: 'kafka-test',
  });

  it('delivers decoded events and decode failures, hides aborted transactions, commits what is marked done', async () => {
    const topic = uniqueName('typed');
    const groupId = uniqueName('g');
    const schema = buildSchema(uniqueNamespace());
    const value = { id: 'a', quantity: 1, note: null };
    const good = await serde.encode(schema, value);
    const producer = kafka.producer({
      transactionalId: uniqueName('tx'),
      maxInFlightRequests: 1,
      idempotent: true,
    });
    await producer.connect();
    const aborted = await producer.transaction();
    await aborted.send({
      topic,
      messages: [{ key: 'k', value: good, headers: toHeaders(meta(randomUUID())) }],
    });
    await aborted.abort();
    const eventId = randomUUID();
    const committed = await producer.transaction();
    await committed.send({
      topic,
      messages: [
        { key: 'k', value: good, headers: toHeaders(meta(eventId)) },
        { key: 'k', value: Buffer.from('not avro'), headers: toHeaders(meta(randomUUID())) },
        { key: 'k', value: good, headers: { 'event-id': randomUUID() } },
      ],
    });
    await committed.commit();
    await producer.disconnect();

    const consumer = createConsumer({ kafka, serde, groupId, topics: [topic], logger });
    consumers.push(consumer);
    const seen: ConsumedMessage[] = [];
    await consumer.start(async (batch, control) => {
      for (const message of batch.messages) {
        seen.push(message);
        control.markDone(message.offset);
      }
      await control.commit();
    });
    await waitFor(() => (seen.length >= 3 ? true : undefined), { what: 'three messages' });

    const [first, undecodable, noEnvelope] = seen;
    expect(seen).toHaveLength(3);
    expect(first).toMatchObject({ ok: true, key: 'k', value, metadata: { eventId } });
    expect(undecodable).toMatchObject({
      ok: false,
      error: { name: 'DecodeError', permanent: true },
    });
    expect(noEnvelope).toMatchObject({
      ok: false,
      error: {
        permanent: true,
        message: expect.stringMatching(/^missing envelope header/) as unknown,
      },
    });
    expect(undecodable?.raw.value?.toString()).toBe('not avro');

    const admin = kafka.admin();
    await admin.connect();
    const partition = first!.partition;
    const end = (await admin.fetchTopicOffsets(topic)).find((e) => e.partition === partition)!;
    const committedOffset = await waitFor(
      async () => {
        const [o] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const offset = o?.partitions.find((x) => x.partition === partition)?.offset;
        return offset === end.high ? offset : undefined;
      },
      { what: 'the committed offset to reach the end of the partition' },
    ).finally(() => admin.disconnect());
    // The end lies past the last message: the commit marker was resolved too (no phantom lag).
    expect(Number(committedOffset)).toBeGreaterThan(Number(noEnvelope!.offset) + 1);
  });

  it('gathers commitSoon calls into one commit per interval, and commits what waits when it stops', async () => {
    const topic = uniqueName('soon');
    const groupId = uniqueName('g');
    const schema = buildSchema(uniqueNamespace());
    const value = await serde.encode(schema, { id: 'a', quantity: 1, note: null });
    const producer = kafka.producer();
    await producer.connect();
    const send = () =>
      producer.send({
        topic,
        messages: [{ key: 'k', value, headers: toHeaders(meta(randomUUID())) }],
      });
    await send();

    const consumer = createConsumer({
      kafka,
      serde,
      groupId,
      topics: [topic],
      logger,
      commitIntervalMs: 3_600_000,
    });
    consumers.push(consumer);
    const handled: string[] = [];
    await consumer.start(async (batch, control) => {
      for (const message of batch.messages) control.markDone(message.offset);
      await control.commitSoon();
      handled.push(...batch.messages.map((m) => m.offset));
    });
    const admin = kafka.admin();
    await admin.connect();
    const committed = async () => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]!;
    try {
      await waitFor(() => (handled.length === 1 ? true : undefined), { what: 'the first batch' });
      // The first commit goes at once; the next ones wait for the interval.
      expect((await committed()).partitions.map((p) => p.offset)).toContain('1');
      await send();
      await send();
      await waitFor(() => (handled.length === 3 ? true : undefined), { what: 'two more' });
      const waiting = (await committed()).partitions.find((p) => p.offset !== '-1')!;
      expect(waiting.offset).toBe('1');

      await consumer.stop();
      const stopped = (await committed()).partitions.find(
        (p) => p.partition === waiting.partition,
      )!;
      expect(stopped.offset).toBe('3');
    } finally {
      await admin.disconnect();
      await producer.disconnect();
    }
  });

  it('commits past a fetch that holds only an aborted transaction, so the group shows no lag', async () => {
    const topic = uniqueName('typed-aborted');
    const groupId = uniqueName('g');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      const producer = kafka.producer({
        transactionalId: uniqueName('tx'),
        maxInFlightRequests: 1,
        idempotent: true,
      });
      await producer.connect();
      const aborted = await producer.transaction();
      await aborted.send({ topic, messages: [{ key: 'k', value: 'never visible' }] });
      await aborted.abort();
      await producer.disconnect();

      const consumer = createConsumer({ kafka, serde, groupId, topics: [topic], logger });
      consumers.push(consumer);
      let batches = 0;
      await consumer.start(() => Promise.resolve(void batches++));
      const [end] = await admin.fetchTopicOffsets(topic);
      expect(end?.high).toBe('2'); // the aborted record and the abort marker
      const committed = await waitFor(async () => {
        const [o] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const offset = o?.partitions[0]?.offset;
        return offset === end?.high ? offset : undefined;
      });
      expect(committed).toBe('2');
      expect(batches).toBe(0);
    } finally {
      await admin.disconnect();
    }
  });

  it('lets a paused partition be resumed after its consumer restarted, without throwing from a timer', async () => {
    const topic = uniqueName('typed-restart');
    const schema = buildSchema(uniqueNamespace());
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'k', value: await serde.encode(schema, { id: 'a', quantity: 1, note: null }) },
      ],
    });
    await producer.disconnect();
    const consumer = createConsumer({
      kafka,
      serde,
      groupId: uniqueName('g'),
      topics: [topic],
      logger,
    });
    consumers.push(consumer);
    let resume: (() => void) | undefined;
    await consumer.start(async (_batch, control) => {
      resume ??= control.pause();
      return Promise.resolve();
    });
    const resumeLater = await waitFor(() => resume, { what: 'a paused partition' });
    // What kafkajs does when it restarts a consumer: stop (its group is dropped), then run again.
    await consumer.stop();
    expect(resumeLater).not.toThrow();
  });
});
