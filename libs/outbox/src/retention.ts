import type { Knex } from 'knex';

/**
 * Deletes published rows older than `cutoff`, `batchSize` rows per statement, oldest first, until
 * none is left. Each statement walks the published_at index from its low end, so its cost follows
 * the rows it deletes, not the size of the table. Unpublished rows are never touched.
 */
export async function deletePublishedBefore(
  db: Knex,
  cutoff: Date,
  batchSize = 1000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.raw<{ rowCount: number }>(
      `delete from outbox where id in (
         select id from outbox
         where published_at is not null and published_at < ?
         order by published_at limit ?
       )`,
      [cutoff, batchSize],
    );
    total += deleted.rowCount;
    if (deleted.rowCount < batchSize) return total;
  }
}
