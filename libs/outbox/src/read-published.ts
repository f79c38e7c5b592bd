import type { Knex } from 'knex';

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
  publishedAt: Date;
  relayBatch: number;
}

export interface ReadPublishedQuery {
  /** Inclusive lower bound of published_at. */
  from: Date;
  /** Exclusive upper bound of published_at. */
  to: Date;
  topic?: string;
  eventType?: string;
  /** Resume after this event (the last one of the previous page). */
  after?: Pick<PublishedEvent, 'relayBatch' | 'id'>;
  limit?: number;
}

/**
 * Published rows in a time range, in the order they were published to Kafka (relay batch, then
 * id), one page at a time.
 */
export async function readPublishedEvents(
  db: Knex,
  query: ReadPublishedQuery,
): Promise<PublishedEvent[]> {
  const q = db('outbox')
    .whereNotNull('published_at')
    .where('published_at', '>=', query.from)
    .where('published_at', '<', query.to)
    .orderBy([{ column: 'relay_batch' }, { column: 'id' }])
    .limit(query.limit ?? 1000);
  if (query.topic) void q.where('topic', query.topic);
  if (query.eventType) void q.where('event_type', query.eventType);
  if (query.after) {
    void q.whereRaw('(relay_batch, id) > (?, ?)', [query.after.relayBatch, query.after.id]);
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
    publishedAt: r.published_at as Date,
    relayBatch: Number(r.relay_batch),
  }));
}
