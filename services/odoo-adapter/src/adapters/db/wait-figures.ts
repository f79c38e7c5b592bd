import type { Knex } from 'knex';

/** How many rows of a waiting table there are, and how long the oldest has waited (seconds). */
export async function waitFigures(
  db: Knex,
  table: string,
): Promise<{ count: number; oldestSeconds: number }> {
  const [row] = (await db(table).select(
    db.raw('count(*)::int as count'),
    db.raw(
      'coalesce(extract(epoch from now() - min(waiting_since)), 0)::float8 as "oldestSeconds"',
    ),
  )) as unknown as Array<{ count: number; oldestSeconds: number }>;
  return row ?? { count: 0, oldestSeconds: 0 };
}
