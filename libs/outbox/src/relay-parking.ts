import type pg from 'pg';
import { messageSize } from './message-size';
import type { RelayRow } from './relay-store';

export interface ParkedRow {
  row: RelayRow;
  reason: string;
}

/**
 * Splits rows (in publish order) into those to publish and those to park: a row over `limit`, and
 * every later row of its topic + key (or of a key already parked), which must wait behind it to
 * keep the key's order.
 */
export function splitOversized(
  rows: RelayRow[],
  limit: number,
): { publish: RelayRow[]; park: ParkedRow[] } {
  const publish: RelayRow[] = [];
  const park: ParkedRow[] = [];
  const blocked = new Map<string, string>();
  for (const row of rows) {
    const id = JSON.stringify([row.topic, row.key]);
    const blocker = blocked.get(id);
    const size = messageSize(row.key, row.payload, row.headers);
    if (blocker) park.push({ row, reason: `behind parked row ${blocker}` });
    else if (row.blocked) park.push({ row, reason: 'behind parked rows of its key' });
    else if (size > limit) {
      park.push({ row, reason: `too large: ${size} bytes > ${limit} (message.max.bytes)` });
      blocked.set(id, row.id);
    } else publish.push(row);
  }
  return { publish, park };
}

/** Moves rows from `outbox` to `outbox_parked`. */
export async function parkRows(client: pg.Client, parked: ParkedRow[]): Promise<void> {
  if (parked.length === 0) return;
  await client.query(
    `with input as (select * from unnest($1::bigint[], $2::text[]) as t(id, reason)),
     moved as (
       delete from outbox o using input i where o.id = i.id
       returning o.id, o.event_id, o.topic, o.key, o.event_type, o.schema_version, o.payload,
                 o.headers, o.aggregate_sequence, o.created_at, i.reason
     )
     insert into outbox_parked (id, event_id, topic, key, event_type, schema_version, payload,
                                headers, aggregate_sequence, created_at, reason)
     select * from moved`,
    [parked.map((p) => p.row.id), parked.map((p) => p.reason)],
  );
}
