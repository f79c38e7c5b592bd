import type { Knex } from 'knex';

/**
 * Deletes published rows created before `cutoff`, `batchSize` rows per statement, oldest ids first,
 * and stops at the first page that holds a row too young. Only rows committed before the relay's
 * window (xid below its xmin) are candidates, and ids follow time closely (a late commit can keep a
 * row a little longer than the retention, never shorter), so a run costs what it deletes, not the
 * size of the table. Unpublished rows are never touched.
 */
export async function deletePublishedBefore(
  db: Knex,
  cutoff: Date,
  batchSize = 1000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.raw<{ rows: Array<{ deleted: string; young: boolean }> }>(
      `with page as (
         select id, created_at from outbox
         where xid < (select pg_snapshot_xmin(from_snapshot) from outbox_relay_cursor)
         order by id limit ?
       ),
       gone as (delete from outbox where id in (select id from page where created_at < ?)
                returning 1)
       select (select count(*) from gone) as deleted,
              exists (select 1 from page where created_at >= ?) as young`,
      [batchSize, cutoff, cutoff],
    );
    const deleted = Number(rows[0]?.deleted ?? 0);
    total += deleted;
    if (rows[0]?.young || deleted < batchSize) return total;
  }
}
