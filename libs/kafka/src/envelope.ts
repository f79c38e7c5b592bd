import { createHash } from 'node:crypto';
import type { IHeaders } from 'kafkajs';

/**
 * The platform's original envelope headers (architecture §4), superseded by CloudEvents (see
 * cloud-events.ts and event-headers.ts) and still written beside them while EVENT_HEADERS=both.
 * The payload is the Avro record of the event type; everything about the event travels in
 * headers, so consumers can route, dedupe and trace without decoding the body.
 */
export const Headers = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  occurredAt: 'occurred-at',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  traceparent: 'traceparent',
  producer: 'producer',
  aggregateSequence: 'aggregate-sequence',
} as const;

export interface EventMetadata {
  /** UUID, stable across retries, relays and replays: the inbox dedupe key. */
  eventId: string;
  eventType: string;
  schemaVersion: number;
  /** Epoch milliseconds of the business fact. */
  occurredAt: number;
  /** The business transaction, usually the order id. */
  correlationId: string;
  /** The event id that caused this one, if any. */
  causationId?: string;
  /** W3C trace context of the transaction that produced the event. */
  traceparent?: string;
  producer: string;
  /** 1, 2, 3… per aggregate (key), assigned in the producing transaction; consumers can see gaps. */
  aggregateSequence?: number;
}

/** Raised when a message lacks the envelope headers; consumers dead-letter it. */
export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function toLegacyHeaders(meta: EventMetadata): Record<string, string> {
  const headers: Record<string, string> = {
    [Headers.eventId]: meta.eventId,
    [Headers.eventType]: meta.eventType,
    [Headers.schemaVersion]: String(meta.schemaVersion),
    [Headers.occurredAt]: new Date(meta.occurredAt).toISOString(),
    [Headers.correlationId]: meta.correlationId,
    [Headers.producer]: meta.producer,
  };
  if (meta.causationId) headers[Headers.causationId] = meta.causationId;
  if (meta.traceparent) headers[Headers.traceparent] = meta.traceparent;
  if (meta.aggregateSequence !== undefined)
    headers[Headers.aggregateSequence] = String(meta.aggregateSequence);
  return headers;
}

/** kafkajs delivers header values as Buffers (or arrays when a name repeats: the first wins). */
export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

export function fromLegacyHeaders(headers: IHeaders | undefined): EventMetadata {
  const required = (name: string) => {
    const value = headerValue(headers, name);
    if (!value) throw new EnvelopeError(`missing envelope header '${name}'`);
    return value;
  };
  const occurredAt = Date.parse(required(Headers.occurredAt));
  const schemaVersion = Number(required(Headers.schemaVersion));
  if (Number.isNaN(occurredAt)) throw new EnvelopeError(`invalid '${Headers.occurredAt}' header`);
  if (!Number.isInteger(schemaVersion))
    throw new EnvelopeError(`invalid '${Headers.schemaVersion}' header`);
  const sequence = headerValue(headers, Headers.aggregateSequence);
  const causationId = headerValue(headers, Headers.causationId);
  const traceparent = headerValue(headers, Headers.traceparent);
  return {
    eventId: required(Headers.eventId),
    eventType: required(Headers.eventType),
    schemaVersion,
    occurredAt,
    correlationId: required(Headers.correlationId),
    producer: required(Headers.producer),
    ...(causationId ? { causationId } : {}),
    ...(traceparent ? { traceparent } : {}),
    ...(sequence ? { aggregateSequence: Number(sequence) } : {}),
  };
}

/** A UUID (version 5 layout) derived from a name: the same name, the same id. */
export function nameBasedId(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const isUuid = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
