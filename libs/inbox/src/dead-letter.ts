import { COMPRESSION, type ConsumedMessage } from '@o2c/kafka';
import type { Producer } from 'kafkajs';

/** `<topic>.dlq.<group>`: one dead-letter topic per source topic and consumer group. */
export const deadLetterTopic = (topic: string, groupId: string): string =>
  `${topic}.dlq.${groupId}`;

/**
 * Headers the runtime adds to a dead-lettered message, next to all of the original headers.
 * This is the contract of the redrive tool: do not rename.
 */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  errorClass: 'dlq-error-class',
  errorMessage: 'dlq-error-message',
  errorCode: 'dlq-error-code',
  causeClass: 'dlq-error-cause-class',
  attempts: 'dlq-attempts',
  originTopic: 'dlq-origin-topic',
  originPartition: 'dlq-origin-partition',
  originOffset: 'dlq-origin-offset',
  originTimestamp: 'dlq-origin-timestamp',
  failedAt: 'dlq-failed-at',
  consumerGroup: 'dlq-consumer-group',
  /** On a parked letter: the event id of the dead letter its key waited behind (keepKeyOrder). */
  parkedBehind: 'dlq-parked-behind',
} as const;

/**
 * permanent: retrying cannot help; exhausted: the handler failed `maxAttempts` times; crashed:
 * the process died `maxCrashes` times while handling it; parked: not tried, its key waits behind
 * an earlier dead letter (`dlq-parked-behind`).
 */
export type DeadLetterReason = 'permanent' | 'exhausted' | 'crashed' | 'parked';

export interface DeadLetter {
  message: ConsumedMessage;
  error: Error;
  reason: DeadLetterReason;
  attempts: number;
  groupId: string;
  failedAt: Date;
  /** Event id of the dead letter the key waits behind, for a parked letter. */
  parkedBehind?: string;
}

export function deadLetterHeaders(letter: DeadLetter): Record<string, string | Buffer> {
  const { message, error } = letter;
  const original: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(message.raw.headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) original[name] = first;
  }
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    ...original,
    [DeadLetterHeaders.reason]: letter.reason,
    [DeadLetterHeaders.errorClass]: error.name,
    [DeadLetterHeaders.errorMessage]: error.message.slice(0, 4000),
    ...(typeof code === 'string' ? { [DeadLetterHeaders.errorCode]: code } : {}),
    ...(cause instanceof Error ? { [DeadLetterHeaders.causeClass]: cause.name } : {}),
    [DeadLetterHeaders.attempts]: String(letter.attempts),
    [DeadLetterHeaders.originTopic]: message.topic,
    [DeadLetterHeaders.originPartition]: String(message.partition),
    [DeadLetterHeaders.originOffset]: message.offset,
    [DeadLetterHeaders.originTimestamp]: message.raw.timestamp,
    [DeadLetterHeaders.failedAt]: letter.failedAt.toISOString(),
    [DeadLetterHeaders.consumerGroup]: letter.groupId,
    ...(letter.parkedBehind ? { [DeadLetterHeaders.parkedBehind]: letter.parkedBehind } : {}),
  };
}

/** Publishes the original key and value bytes unchanged, so a redrive reproduces the message. */
export async function publishDeadLetter(producer: Producer, letter: DeadLetter): Promise<void> {
  const { message } = letter;
  await producer.send({
    topic: deadLetterTopic(message.topic, letter.groupId),
    acks: -1,
    compression: COMPRESSION,
    messages: [
      {
        key: message.raw.key,
        value: message.raw.value,
        headers: deadLetterHeaders(letter),
      },
    ],
  });
}
