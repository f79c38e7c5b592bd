import type { Knex } from 'knex';

export interface ParkedFilter {
  topic?: string;
  key?: string;
}

/**
 * Moves parked rows back into the outbox, under their original ids, so the relay publishes them
 * before the later rows of their key. Use it once the cause is fixed (e.g. the topic's and the
 * relay's `maxMessageBytes` raised); a row still too large is parked again. Per key, in one
 * transaction holding the key's sequence lock (appends on it wait): the rows come back, and the
 * key's rows the relay has not read yet get this transaction's xid too, so they all fall in a
 * later window than anything published, in id (that is, sequence) order. Returns the number of
 * rows requeued.
 */
export async function requeueParked(db: Knex, filter: ParkedFilter = {}): Promise<number> {
  return db.transaction(async (trx) => {
    const keys = (await trx('outbox_parked')
      .select('topic', 'key')
      .min({ first: 'id' })
      .where(filter)
      .groupBy('topic', 'key')
      .orderBy(['topic', 'key'])) as Array<{ topic: string; key: string; first: string }>;
    let requeued = 0;
    for (const { topic, key, first } of keys) {
      await trx.raw(
        `select 1 from outbox_aggregate_sequence where topic = ? and key = ? for update`,
        [topic, key],
      );
      await trx.raw(
        `update outbox set xid = pg_current_xact_id() where topic = ? and key = ? and id > ?`,
        [topic, key, first],
      );
      const { rowCount } = await trx.raw<{ rowCount: number }>(
        `with moved as (
           delete from outbox_parked where topic = ? and key = ?
           returning id, event_id, topic, key, event_type, schema_version, payload, headers,
                     aggregate_sequence, created_at
         )
         insert into outbox (id, event_id, topic, key, event_type, schema_version, payload, headers,
                             aggregate_sequence, created_at)
         overriding system value
         select * from moved`,
        [topic, key],
      );
      requeued += rowCount;
    }
    return requeued;
  });
}
