import { createHash } from 'node:crypto';
import type { IHeaders } from 'kafkajs';
import { Headers, headerValue, type EventMetadata } from './envelope';

/**
 * True when a message carries none of our envelope headers: what any standard Confluent Avro
 * serializer sends. (A message with some of them is a broken envelope, not a bare one.)
 */
export const isBare = (headers: IHeaders): boolean =>
  Object.values(Headers).every((name) => headerValue(headers, name) === undefined);

/** A UUID (version 5 layout) from the record's coordinates: the same message, the same id. */
function coordinatesId(topic: string, partition: number, offset: string): string {
  const hex = createHash('sha1').update(`${topic}/${partition}/${offset}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The envelope of a bare message, derived as documented for upstream producers: the event id
 * from its topic, partition and offset (stable across redeliveries, so the inbox dedupes them),
 * the time from its Kafka timestamp, the type from the writer schema's record name (its last
 * segment), the correlation id from its key, the producer as `bare:<topic>`.
 */
export function derivedEnvelope(
  record: { topic: string; partition: number; offset: string; timestamp: string },
  key: string | null,
  recordName: string,
): EventMetadata {
  const eventId = coordinatesId(record.topic, record.partition, record.offset);
  return {
    eventId,
    eventType: recordName.split('.').at(-1) ?? recordName,
    schemaVersion: 0,
    occurredAt: Number(record.timestamp),
    correlationId: key ?? eventId,
    producer: `bare:${record.topic}`,
  };
}
