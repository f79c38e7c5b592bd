import type { Knex } from 'knex';

export interface ParkedFilter {
  topic?: string;
  key?: string;
}

/**
 * Moves parked rows back into the outbox, under their original ids, so the relay publishes them
 * before the later rows of their key that waited behind them. Use it once the cause is fixed
 * (e.g. the topic's and the relay's `maxMessageBytes` raised); a row still too large is parked
 * again. Returns the number of rows requeued.
 */
export async function requeueParked(db: Knex, filter: ParkedFilter = {}): Promise<number> {
  const where: string[] = [];
  const bindings: string[] = [];
  if (filter.topic !== undefined) {
    where.push('topic = ?');
    bindings.push(filter.topic);
  }
  if (filter.key !== undefined) {
    where.push('key = ?');
    bindings.push(filter.key);
  }
  const { rowCount } = await db.raw<{ rowCount: number }>(
    `with moved as (
       delete from outbox_parked ${where.length ? `where ${where.join(' and ')}` : ''}
       returning id, event_id, topic, key, event_type, schema_version, payload, headers,
                 aggregate_sequence, created_at
     )
     insert into outbox (id, event_id, topic, key, event_type, schema_version, payload, headers,
                         aggregate_sequence, created_at)
     overriding system value
     select * from moved`,
    bindings,
  );
  return rowCount;
}
