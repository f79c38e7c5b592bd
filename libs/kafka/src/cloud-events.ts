import type { IHeaders } from 'kafkajs';
import { EnvelopeError, headerValue, isUuid, nameBasedId, type EventMetadata } from './envelope';

/**
 * The CloudEvents 1.0 Kafka protocol binding, binary content mode: the Avro value is the event's
 * data as is, every attribute is a `ce_`-prefixed header, `content-type` maps to datacontenttype.
 * Extensions: correlationid, causationid, sequence (per subject), schemaversion, traceparent (the
 * distributed tracing extension; the protocol-level `traceparent` header carries the same value).
 */
export const CloudEventHeaders = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  schemaVersion: 'ce_schemaversion',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  sequence: 'ce_sequence',
  traceparent: 'ce_traceparent',
} as const;

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
/** Our event types as CloudEvents types: `o2c.OrderAccepted`. */
export const CE_TYPE_PREFIX = 'o2c.';
/** Our producers as CloudEvents sources: `/o2c/order-intake`. */
export const CE_SOURCE_PREFIX = '/o2c/';
/** Confluent-framed Avro: magic byte, 4-byte schema id, then the Avro binary encoding. */
export const AVRO_CONTENT_TYPE = 'application/avro';

/** Sequences are zero-padded so they order lexicographically, as the sequence extension asks. */
export const SEQUENCE_DIGITS = 20;

export const isCloudEvent = (headers: IHeaders): boolean =>
  headerValue(headers, CloudEventHeaders.specversion) !== undefined;

const withoutPrefix = (value: string, prefix: string) =>
  value.startsWith(prefix) ? value.slice(prefix.length) : value;

export const eventTypeOfCloudEvent = (ceType: string): string =>
  withoutPrefix(ceType, CE_TYPE_PREFIX);

export function toCloudEventHeaders(meta: EventMetadata, subject?: string): Record<string, string> {
  const h = CloudEventHeaders;
  const headers: Record<string, string> = {
    [h.specversion]: CLOUDEVENTS_SPEC_VERSION,
    [h.id]: meta.eventId,
    [h.source]: `${CE_SOURCE_PREFIX}${meta.producer}`,
    [h.type]: `${CE_TYPE_PREFIX}${meta.eventType}`,
    [h.time]: new Date(meta.occurredAt).toISOString(),
    [h.contentType]: AVRO_CONTENT_TYPE,
    [h.schemaVersion]: String(meta.schemaVersion),
    [h.correlationId]: meta.correlationId,
  };
  if (subject !== undefined) headers[h.subject] = subject;
  if (meta.causationId) headers[h.causationId] = meta.causationId;
  if (meta.traceparent) headers[h.traceparent] = meta.traceparent;
  if (meta.aggregateSequence !== undefined)
    headers[h.sequence] = String(meta.aggregateSequence).padStart(SEQUENCE_DIGITS, '0');
  return headers;
}

/**
 * Reads a binary-mode CloudEvent's envelope. Producers outside the platform may leave out our
 * extensions: the correlation id then falls back to the subject, then to the id; an absent
 * schemaversion reads as 0 (unknown: the Avro writer schema still decodes the value). An id that
 * is not a UUID becomes one derived from source and id, which CloudEvents makes unique together:
 * the same event sent again gets the same inbox key.
 */
export function fromCloudEventHeaders(headers: IHeaders): EventMetadata {
  const h = CloudEventHeaders;
  const value = (name: string) => headerValue(headers, name);
  const required = (name: string) => {
    const v = value(name);
    if (!v) throw new EnvelopeError(`missing CloudEvents header '${name}'`);
    return v;
  };
  const specversion = required(h.specversion);
  if (specversion !== CLOUDEVENTS_SPEC_VERSION)
    throw new EnvelopeError(`unsupported '${h.specversion}' ${specversion} (expected 1.0)`);
  const id = required(h.id);
  const source = required(h.source);
  const eventId = isUuid(id) ? id : nameBasedId(`cloudevent:${source}\n${id}`);
  const occurredAt = Date.parse(required(h.time));
  if (Number.isNaN(occurredAt)) throw new EnvelopeError(`invalid '${h.time}' header`);
  const schemaVersion = Number(value(h.schemaVersion) ?? '0');
  if (!Number.isInteger(schemaVersion))
    throw new EnvelopeError(`invalid '${h.schemaVersion}' header`);
  const sequence = value(h.sequence);
  if (sequence !== undefined && !/^[0-9]+$/.test(sequence))
    throw new EnvelopeError(`invalid '${h.sequence}' header`);
  const causationId = value(h.causationId);
  const traceparent = value(h.traceparent) ?? value('traceparent');
  return {
    eventId,
    eventType: eventTypeOfCloudEvent(required(h.type)),
    schemaVersion,
    occurredAt,
    correlationId: value(h.correlationId) ?? value(h.subject) ?? eventId,
    producer: withoutPrefix(source, CE_SOURCE_PREFIX),
    ...(causationId ? { causationId } : {}),
    ...(traceparent ? { traceparent } : {}),
    ...(sequence !== undefined ? { aggregateSequence: Number(sequence) } : {}),
  };
}
