import { createLogger } from '@o2c/observability';
import { testInfra, uniqueName, waitFor } from '@o2c/testing';
import type { Consumer, Producer } from 'kafkajs';
import { createKafka } from '../src';

const logger = createLogger({ service: 'kafka-test', level: 'warn' });

describe('Kafka transactions on the local broker', () => {
  const kafka = createKafka({ clientId: 'txn-test', brokers: testInfra.brokers, logger });
  const opened: Array<Producer | Consumer> = [];
  afterAll(() => Promise.all(opened.map((c) => c.disconnect())));

  it('shows a read_committed consumer the committed batch and never the aborted one', async () => {
    const input = uniqueName('txn-in');
    const output = uniqueName('txn-out');
    const group = uniqueName('txn-group');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: input }, { topic: output }],
      waitForLeaders: true,
    });
    await admin.disconnect();

    const producer = kafka.producer({
      transactionalId: uniqueName('txn'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    opened.push(producer);
    await producer.connect();

    const committed = await producer.transaction();
    await committed.send({
      topic: output,
      messages: [
        { key: 'a', value: 'kept-1' },
        { key: 'a', value: 'kept-2' },
      ],
    });
    await committed.sendOffsets({
      consumerGroupId: group,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '5' }] }],
    });
    await committed.commit();

    const aborted = await producer.transaction();
    await aborted.send({ topic: output, messages: [{ key: 'a', value: 'dropped' }] });
    await aborted.sendOffsets({
      consumerGroupId: group,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '9' }] }],
    });
    await aborted.abort();

    const consumer = kafka.consumer({ groupId: uniqueName('reader'), readUncommitted: false });
    opened.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: output, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({
      eachMessage: ({ message }) => Promise.resolve(void seen.push(message.value!.toString())),
    });
    // A marker sent after both transactions proves the reader has passed the aborted range.
    const marker = kafka.producer();
    opened.push(marker);
    await marker.connect();
    await marker.send({ topic: output, messages: [{ key: 'a', value: 'marker' }] });
    await waitFor(() => (seen.includes('marker') ? true : undefined), { what: 'the marker' });

    expect(seen).toEqual(['kept-1', 'kept-2', 'marker']);
    // The group offset is the one sent with the committed transaction, not the aborted one.
    const admin2 = kafka.admin();
    await admin2.connect();
    const [offsets] = await admin2.fetchOffsets({ groupId: group, topics: [input] });
    await admin2.disconnect();
    expect(offsets?.partitions.find((p) => p.partition === 0)?.offset).toBe('5');
  });
});
