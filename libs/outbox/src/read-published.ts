import type { Knex } from 'knex';
import { PUBLISHED } from './published';

/** A published outbox row, as kept for the retention window (the replay source). */
export interface PublishedEvent {
  id: string;
  eventId: string;
  topic: string;
  key: string;
  eventType: string;
  schemaVersion: number;
  /** Avro, Confluent wire format: republish as is. */
  payload: Buffer;
  headers: Record<string, string>;
  aggregateSequence: number;
  createdAt: Date;
}

export interface ReadPublishedQuery {
  /** Inclusive lower bound of created_at. */
  from: Date;
  /** Exclusive upper bound of created_at. */
  to: Date;
  topic?: string;
  eventType?: string;
  /** Resume after this event (the last one of the previous page). */
  after?: Pick<PublishedEvent, 'id'>;
  limit?: number;
}

/**
 * Published rows created in a time range, in id order (within a key, the order they were
 * published in), one page at a time.
 */
export async function readPublishedEvents(
  db: Knex,
  query: ReadPublishedQuery,
): Promise<PublishedEvent[]> {
  const q = db('outbox')
    .whereRaw(PUBLISHED)
    .where('created_at', '>=', query.from)
    .where('created_at', '<', query.to)
    .orderBy('id')
    .limit(query.limit ?? 1000);
  if (query.topic) void q.where('topic', query.topic);
  if (query.eventType) void q.where('event_type', query.eventType);
  if (query.after) {
    void q.where('id', '>', query.after.id);
  }
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: String(r.id),
    eventId: r.event_id as string,
    topic: r.topic as string,
    key: r.key as string,
    eventType: r.event_type as string,
    schemaVersion: r.schema_version as number,
    payload: r.payload as Buffer,
    headers: r.headers as Record<string, string>,
    aggregateSequence: Number(r.aggregate_sequence),
    createdAt: r.created_at as Date,
  }));
}
