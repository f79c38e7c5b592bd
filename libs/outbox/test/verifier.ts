import { fromHeaders, type EventMetadata } from '@o2c/kafka';
import { uniqueName, waitFor } from '@o2c/testing';
import { Partitioners, type Kafka } from 'kafkajs';

export interface Seen {
  key: string;
  partition: number;
  value: Buffer;
  meta: EventMetadata;
}

/**
 * A read_committed consumer of `topic` from the beginning (read_uncommitted with
 * `readUncommitted`: it then sees the records of aborted transactions too). `drain()` sends a non-transactional
 * marker to every partition and waits until all are seen, proving the reader is past everything
 * committed before (duplicates included), then stops and returns what it saw.
 */
export async function startVerifier(
  kafka: Kafka,
  topic: string,
  partitions: number,
  { readUncommitted = false } = {},
) {
  const seen: Seen[] = [];
  const markers = new Set<number>();
  const consumer = kafka.consumer({ groupId: uniqueName('verifier'), readUncommitted });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        if (m.headers?.marker) markers.add(batch.partition);
        else
          seen.push({
            key: m.key!.toString(),
            partition: batch.partition,
            value: m.value!,
            meta: fromHeaders(m.headers),
          });
      }
      return Promise.resolve();
    },
  });
  return {
    seen,
    async drain(timeoutMs = 30_000): Promise<Seen[]> {
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      await producer.send({
        topic,
        messages: Array.from({ length: partitions }, (_, partition) => ({
          partition,
          value: 'marker',
          headers: { marker: '1' },
        })),
      });
      await producer.disconnect();
      await waitFor(() => (markers.size === partitions ? true : undefined), {
        timeoutMs,
        what: 'verifier markers',
      });
      await consumer.disconnect();
      return seen;
    },
    close: () => consumer.disconnect(),
  };
}
