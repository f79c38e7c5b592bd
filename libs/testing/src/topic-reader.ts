import { ensureTopics, eventIdOf, eventTypeOf, type AvroSerde } from '@o2c/kafka';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { uniqueName } from './test-infra';

/** A topic read from its beginning by a group of its own: what has arrived, as it arrives. */
export interface TopicReader<T> {
  seen: T[];
  stop(): Promise<void>;
}

/** A message as the tests read it: headers, value decoded (raw bytes when not Avro), event type. */
export interface SeenMessage {
  headers: IHeaders;
  value: unknown;
  /** 'unknown' for a message without an envelope (a dead letter of garbage). */
  type: string;
}

/** What a dead letter says of itself in its headers. */
export interface DeadLetter {
  key: string | undefined;
  eventId: string | undefined;
  reason: string | undefined;
  code: string | undefined;
  message: string | undefined;
}

/**
 * Reads `topic` (created with 3 partitions if missing) from the beginning, pushing `map` of each
 * message onto `seen` (a new array unless given, so several topics can share one).
 */
export async function readTopic<T>(
  kafka: Kafka,
  topic: string,
  map: (message: KafkaMessage) => T | Promise<T>,
  seen: T[] = [],
): Promise<TopicReader<T>> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  await consumer.connect();
  try {
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(await map(message));
      },
    });
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }
  return { seen, stop: () => consumer.disconnect() };
}

/** Maps a message to a SeenMessage with `serde`. */
export const asSeenMessage =
  (serde: AvroSerde) =>
  async (message: KafkaMessage): Promise<SeenMessage> => {
    const headers = message.headers ?? {};
    const value: unknown = await serde.decode(message.value!).catch(() => message.value);
    return { headers, value, type: eventTypeOf(headers) ?? 'unknown' };
  };

export const asDeadLetter = (message: KafkaMessage): DeadLetter => {
  const header = (name: string) => message.headers?.[name]?.toString();
  return {
    key: message.key?.toString(),
    eventId: eventIdOf(message.headers),
    reason: header('dlq-reason'),
    code: header('dlq-error-code'),
    message: header('dlq-error-message'),
  };
};
