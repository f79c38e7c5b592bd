import type { Knex } from 'knex';

interface Keyed {
  topic: string;
  key: string;
}

/**
 * Reserves the next aggregate sequence numbers for each event, in input order per topic+key.
 * The upsert row-locks each (topic, key) until the business transaction ends, so a concurrent
 * transaction on the same key waits: sequences are gap-free per key, and the later transaction
 * inserts its outbox rows (and draws their ids) only after the earlier one committed. That is what
 * lets the relay keep per-key order while claiming rows by id. Keys are locked in sorted order so
 * two multi-key appends cannot deadlock each other.
 */
export async function assignSequences(trx: Knex.Transaction, events: Keyed[]): Promise<number[]> {
  const counts = new Map<string, { topic: string; key: string; n: number }>();
  for (const { topic, key } of events) {
    const id = JSON.stringify([topic, key]);
    const entry = counts.get(id) ?? { topic, key, n: 0 };
    entry.n += 1;
    counts.set(id, entry);
  }
  const groups = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const values = groups.map(() => '(?, ?, ?)').join(', ');
  const { rows } = await trx.raw<{ rows: Array<{ topic: string; key: string; last: string }> }>(
    `insert into outbox_aggregate_sequence as s (topic, key, last_sequence) values ${values}
     on conflict (topic, key) do update set last_sequence = s.last_sequence + excluded.last_sequence
     returning topic, key, last_sequence as last`,
    groups.flatMap(([, g]) => [g.topic, g.key, g.n]),
  );
  const next = new Map<string, number>();
  for (const row of rows) {
    const id = JSON.stringify([row.topic, row.key]);
    next.set(id, Number(row.last) - counts.get(id)!.n + 1);
  }
  return events.map(({ topic, key }) => {
    const id = JSON.stringify([topic, key]);
    const seq = next.get(id)!;
    next.set(id, seq + 1);
    return seq;
  });
}
