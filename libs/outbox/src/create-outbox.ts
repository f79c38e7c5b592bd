import { randomUUID } from 'node:crypto';
import {
  sequenceHeaders,
  toHeaders,
  type AvroSerde,
  type EventHeaderSet,
  type EventMetadata,
  type PublishableEvent,
} from '@o2c/kafka';
import type { Knex } from 'knex';
import { EventTooLargeError } from './event-too-large-error';
import { DEFAULT_MAX_MESSAGE_BYTES, messageSize } from './message-size';
import { insertEvents } from './insert-events';
import { traceAppend } from './trace-append';

/** An event to append to the outbox inside the business transaction: what a producer publishes, plus ids it may fix. */
export interface OutboxEvent<T = unknown> extends PublishableEvent<T> {
  /** Defaults to a new UUID. */
  eventId?: string;
  /** Epoch ms; defaults to now. */
  occurredAt?: number;
}

export interface Outbox {
  /**
   * Encodes each event (a value that does not fit throws SchemaMismatchError, an event over
   * `maxMessageBytes` throws EventTooLargeError: either fails the caller's transaction), assigns
   * its per-key sequence and inserts it. Returns what was written.
   */
  append(trx: Knex.Transaction, events: OutboxEvent | OutboxEvent[]): Promise<EventMetadata[]>;
}

export interface OutboxOptions {
  serde: AvroSerde;
  /** Written in the `producer` header. */
  service: string;
  /** The broker's (or the topics') message.max.bytes (default 1,048,588). */
  maxMessageBytes?: number;
  /** Which envelope headers to write (default both, see EVENT_HEADERS). */
  headers?: EventHeaderSet;
}

/** The write side of the outbox: services call `append` in the same knex transaction as their state. */
export function createOutbox({
  serde,
  service,
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
  headers: headerSet = 'both',
}: OutboxOptions): Outbox {
  const carrying = sequenceHeaders(headerSet);
  return {
    async append(trx, input) {
      const events = Array.isArray(input) ? input : [input];
      if (events.length === 0) return [];
      // Encode first: a schema mismatch must fail before any row or sequence is touched.
      const payloads = await Promise.all(events.map((e) => serde.encode(e.schema, e.data)));
      const metas = events.map((e): EventMetadata => {
        const eventId = e.eventId ?? randomUUID();
        const traceparent = traceAppend(e, eventId);
        return {
          eventId,
          eventType: e.eventType,
          schemaVersion: e.schemaVersion,
          occurredAt: e.occurredAt ?? Date.now(),
          correlationId: e.correlationId,
          producer: service,
          ...(e.causationId ? { causationId: e.causationId } : {}),
          ...(traceparent ? { traceparent } : {}),
        };
      });
      // The insert fills in the sequence headers; the size check counts the widest sequence.
      const headers = metas.map((m, i) =>
        toHeaders(
          { ...m, aggregateSequence: Number.MAX_SAFE_INTEGER },
          { set: headerSet, subject: events[i]!.key },
        ),
      );
      events.forEach((e, i) => {
        const size = messageSize(e.key, payloads[i]!, headers[i]!);
        if (size > maxMessageBytes)
          throw new EventTooLargeError(e.eventType, e.key, size, maxMessageBytes);
      });
      const sequences = await insertEvents(
        trx,
        events.map((e, i) => ({
          eventId: metas[i]!.eventId,
          topic: e.topic,
          key: e.key,
          eventType: e.eventType,
          schemaVersion: e.schemaVersion,
          payload: payloads[i]!,
          headers: headers[i]!,
        })),
        carrying,
      );
      for (const m of metas) m.aggregateSequence = sequences.get(m.eventId.toLowerCase())!;
      return metas;
    },
  };
}
