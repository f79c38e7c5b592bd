import type { IHeaders } from 'kafkajs';
import { CloudEventHeaders } from './cloud-events';
import { Headers, headerValue, nameBasedId, type EventMetadata } from './envelope';

const envelopeNames = [...Object.values(Headers), ...Object.values(CloudEventHeaders)].filter(
  (name) => name !== Headers.traceparent && name !== CloudEventHeaders.contentType,
);

/**
 * True when a message carries neither envelope (a `traceparent` or `content-type` alone does not
 * count): what any standard Confluent Avro serializer sends. A message with some envelope headers
 * is a broken envelope, not a bare one.
 */
export const isBare = (headers: IHeaders): boolean =>
  envelopeNames.every((name) => headerValue(headers, name) === undefined);

/** A UUID (version 5 layout) from the record's coordinates: the same message, the same id. */
const coordinatesId = (topic: string, partition: number, offset: string): string =>
  nameBasedId(`${topic}/${partition}/${offset}`);

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
