import type { IHeaders } from 'kafkajs';
import {
  CloudEventHeaders,
  SEQUENCE_DIGITS,
  eventTypeOfCloudEvent,
  fromCloudEventHeaders,
  isCloudEvent,
  toCloudEventHeaders,
} from './cloud-events';
import {
  fromLegacyHeaders,
  headerValue,
  Headers,
  toLegacyHeaders,
  type EventMetadata,
} from './envelope';

/**
 * Which envelope producers write. `both` (the default during the migration): CloudEvents headers
 * and the original ones, so consumers of older releases keep reading. `cloudevents`: only the
 * CloudEvents headers (and the protocol `traceparent`), once every consumer runs a release that
 * reads them. Consumers always read both; see docs/cloudevents.md.
 */
export type EventHeaderSet = 'both' | 'cloudevents';
export const EVENT_HEADER_SETS = ['both', 'cloudevents'] as const;

export interface ToHeadersOptions {
  set?: EventHeaderSet;
  /** The message key (the aggregate id): the CloudEvents subject. */
  subject?: string;
}

/** The envelope as Kafka headers. */
export function toHeaders(
  meta: EventMetadata,
  options: ToHeadersOptions = {},
): Record<string, string> {
  const cloudEvent = toCloudEventHeaders(meta, options.subject);
  if ((options.set ?? 'both') === 'both') return { ...toLegacyHeaders(meta), ...cloudEvent };
  return meta.traceparent ? { ...cloudEvent, [Headers.traceparent]: meta.traceparent } : cloudEvent;
}

/** A header that carries the aggregate sequence, and the width it is zero-padded to (0: none). */
export interface SequenceHeader {
  name: string;
  width: number;
}

/**
 * The headers of a set that carry the aggregate sequence, as `toHeaders` writes them: for a
 * writer that learns the sequence after building the headers (the outbox, in its insert).
 */
export const sequenceHeaders = (set: EventHeaderSet = 'both'): SequenceHeader[] => {
  const cloudEvent = { name: CloudEventHeaders.sequence, width: SEQUENCE_DIGITS };
  return set === 'both'
    ? [{ name: Headers.aggregateSequence, width: 0 }, cloudEvent]
    : [cloudEvent];
};

/** The envelope of a message: its CloudEvents headers when it has them, else the original ones. */
export const fromHeaders = (headers: IHeaders | undefined): EventMetadata =>
  headers && isCloudEvent(headers) ? fromCloudEventHeaders(headers) : fromLegacyHeaders(headers);

/** The event id of a message, whichever envelope it carries (undefined when it has none). */
export const eventIdOf = (headers: IHeaders | undefined): string | undefined =>
  headerValue(headers, CloudEventHeaders.id) ?? headerValue(headers, Headers.eventId);

/** The event type of a message, whichever envelope it carries (undefined when it has none). */
export function eventTypeOf(headers: IHeaders | undefined): string | undefined {
  const ceType = headerValue(headers, CloudEventHeaders.type);
  return ceType !== undefined
    ? eventTypeOfCloudEvent(ceType)
    : headerValue(headers, Headers.eventType);
}
