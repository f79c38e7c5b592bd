import { createLogger } from '@o2c/observability';
import { testInfra, uniqueName } from '@o2c/testing';
import { Partitioners, type Admin, type Producer, type ProducerBatch } from 'kafkajs';
import {
  createKafka,
  createPartitionAssigner,
  MessagesDroppedError,
  sendBatchChecked,
} from '../src';

const logger = createLogger({ service: 'kafka-test', level: 'warn' });

describe('sendBatchChecked: a batch acknowledged without some partitions is an error', () => {
  const kafka = createKafka({ clientId: 'checked-test', brokers: testInfra.brokers, logger });
  let admin: Admin;
  let producer: Producer;
  const topic = uniqueName('checked');
  const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k-${i}`, value: `v-${i}` }));

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await admin.disconnect();
  });

  it('assigns the partitions kafkajs would choose for each key', async () => {
    const [assigned] = await createPartitionAssigner(admin).assign([{ topic, messages }]);
    const byProducer = await producer.sendBatch({ topicMessages: [{ topic, messages }] });
    const used = new Set(assigned!.messages.map((m) => m.partition));
    expect(used.size).toBe(3);
    expect(new Set(byProducer.map((r) => r.partition))).toEqual(used);
    // One request per partition: a kafkajs retry then never spans two brokers.
    const requests: ProducerBatch[] = [];
    const recording = {
      sendBatch: (batch: ProducerBatch) => (requests.push(batch), producer.sendBatch(batch)),
    };
    const results = await sendBatchChecked(recording, { acks: -1, topicMessages: [assigned!] });
    expect(new Set(results.map((r) => r.partition))).toEqual(used);
    expect(requests).toHaveLength(3);
    for (const r of requests)
      expect(
        new Set(r.topicMessages!.flatMap((t) => t.messages.map((m) => m.partition))).size,
      ).toBe(1);
  });

  it('sends a batch in one request on a cluster of one broker, and still checks each partition', async () => {
    const assigner = createPartitionAssigner(admin);
    const topicMessages = await assigner.assign([{ topic, messages }]);
    // The test broker is a single node: kafkajs cannot split a request between brokers there.
    expect(assigner.singleBroker()).toBe(true);
    const requests: ProducerBatch[] = [];
    const recording = {
      sendBatch: (batch: ProducerBatch) => (requests.push(batch), producer.sendBatch(batch)),
    };
    const results = await sendBatchChecked(
      recording,
      { acks: -1, topicMessages },
      { oneRequest: true },
    );
    expect(requests).toHaveLength(1);
    expect(new Set(results.map((r) => r.partition))).toEqual(new Set([0, 1, 2]));
    const dropping = {
      sendBatch: async (batch: ProducerBatch) =>
        (await producer.sendBatch(batch)).filter((r) => r.partition !== 2),
    };
    const sent = sendBatchChecked(dropping, { acks: -1, topicMessages }, { oneRequest: true });
    await expect(sent).rejects.toThrow(`${topic}/2`);
    assigner.forget();
    expect(assigner.singleBroker()).toBe(false);
  });

  it('creates a topic nobody created yet, as a producer publishing to it would', async () => {
    const fresh = uniqueName('checked-new');
    const [assigned] = await createPartitionAssigner(admin).assign([
      { topic: fresh, messages: [{ key: 'k', value: 'v' }] },
    ]);
    expect(await admin.listTopics()).toContain(fresh);
    const [result] = await sendBatchChecked(producer, { acks: -1, topicMessages: [assigned!] });
    expect(result?.partition).toBe(assigned!.messages[0]!.partition);
  });

  it('throws when a partition of the batch is missing from the acknowledgement', async () => {
    const topicMessages = await createPartitionAssigner(admin).assign([{ topic, messages }]);
    // What kafkajs#1303 does after a leader moved: the broker's answer lacks a partition.
    const dropping = {
      sendBatch: async (batch: ProducerBatch) =>
        (await producer.sendBatch(batch)).filter((r) => r.partition !== 1),
    };
    const sent = sendBatchChecked(dropping, { acks: -1, topicMessages });
    await expect(sent).rejects.toThrow(MessagesDroppedError);
    await expect(sent).rejects.toThrow(`${topic}/1`);
  });
});
