import type { SequenceHeader } from '@o2c/kafka';
import type { Knex } from 'knex';
import type { PublishedEvent } from './read-published';

/** An encoded event ready for the outbox; its headers lack the sequence, which the insert adds. */
export type OutboxRow = Pick<
  PublishedEvent,
  'eventId' | 'topic' | 'key' | 'eventType' | 'schemaVersion' | 'payload' | 'headers'
>;

const idOf = ({ topic, key }: { topic: string; key: string }) => JSON.stringify([topic, key]);

/** Each key's event count, in a fixed order (the order its sequence rows are locked in). */
function countsByKey(rows: OutboxRow[]) {
  const counts = new Map<string, { topic: string; key: string; n: number }>();
  for (const { topic, key } of rows) {
    const id = idOf({ topic, key });
    counts.set(id, { topic, key, n: (counts.get(id)?.n ?? 0) + 1 });
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/**
 * Inserts the rows in one statement, each numbered next in its key's sequence, and returns the
 * sequence of each event id. The sequence upsert row-locks each (topic, key) until the business
 * transaction ends, so a concurrent transaction on the same key waits: sequences are gap-free per
 * key, and the later transaction draws its outbox ids only after the earlier one committed. That
 * is what lets the relay keep per-key order. Keys are locked in one order, so two multi-key
 * appends cannot deadlock each other, and the outbox rows are drawn in input order only after
 * every lock is held (the final sort needs all of them).
 */
export async function insertEvents(
  trx: Knex.Transaction,
  rows: OutboxRow[],
  carrying: SequenceHeader[],
): Promise<Map<string, number>> {
  const counts = countsByKey(rows);
  const left = new Map(counts.map((c) => [idOf(c), c.n]));
  // Each row's sequence is its key's last one after the upsert, minus the rows after it.
  const behind = rows.map((r) => {
    const n = left.get(idOf(r))! - 1;
    left.set(idOf(r), n);
    return n;
  });
  const sequenceJson = carrying
    .map((h) => (h.width ? `?::text, lpad(x.seq::text, ${h.width}, '0')` : '?::text, x.seq::text'))
    .join(', ');
  const { rows: inserted } = await trx.raw<{ rows: Array<{ event_id: string; seq: string }> }>(
    `with counts (ord, topic, key, n) as (values ${counts.map(() => '(?::int, ?::text, ?::text, ?::bigint)').join(', ')}),
     seq as (
       insert into outbox_aggregate_sequence as s (topic, key, last_sequence)
       select topic, key, n from counts order by ord
       on conflict (topic, key) do update set last_sequence = s.last_sequence + excluded.last_sequence
       returning topic, key, last_sequence
     ),
     ev (ord, event_id, topic, key, event_type, schema_version, payload, headers, behind) as (
       values ${rows.map(() => '(?::int, ?::uuid, ?::text, ?::text, ?::text, ?::int, ?::bytea, ?::jsonb, ?::bigint)').join(', ')}
     )
     insert into outbox (event_id, topic, key, event_type, schema_version, payload, headers, aggregate_sequence)
     select ev.event_id, ev.topic, ev.key, ev.event_type, ev.schema_version, ev.payload,
            ev.headers || jsonb_build_object(${sequenceJson}), x.seq
     from ev join seq on seq.topic = ev.topic and seq.key = ev.key
     cross join lateral (select seq.last_sequence - ev.behind as seq) x
     order by ev.ord
     returning event_id, aggregate_sequence as seq`,
    [
      ...counts.flatMap((c, i) => [i, c.topic, c.key, c.n]),
      ...rows.flatMap((r, i) => [
        i,
        r.eventId,
        r.topic,
        r.key,
        r.eventType,
        r.schemaVersion,
        r.payload,
        JSON.stringify(r.headers),
        behind[i]!,
      ]),
      ...carrying.map((h) => h.name),
    ],
  );
  return new Map(inserted.map((r) => [r.event_id, Number(r.seq)]));
}
