import type { Knex } from 'knex';

const FIRST_READ = { topic: '', partition: -1 };

/**
 * Stores the end offsets read and returns how many letters each source topic received since the
 * previous read. The very first read only records where the topics stand (their old letters are
 * history, not this bucket's); a topic that appears later counts from 0.
 */
export async function advanceDeadLetterOffsets(
  trx: Knex.Transaction,
  offsets: readonly { topic: string; source: string; partition: number; high: number }[],
): Promise<Map<string, number>> {
  const rows = await trx<{ topic: string; partition: number; high: string }>('dlq_offsets')
    .select('*')
    .forUpdate();
  const first = rows.length === 0;
  const known = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, Number(r.high)]));
  const added = new Map<string, number>();
  for (const o of offsets) {
    const before = known.get(`${o.topic}/${o.partition}`) ?? (first ? o.high : 0);
    if (o.high > before) added.set(o.source, (added.get(o.source) ?? 0) + (o.high - before));
  }
  const upserts = [
    ...(first ? [{ ...FIRST_READ, high: 0 }] : []),
    ...offsets.map((o) => ({ topic: o.topic, partition: o.partition, high: o.high })),
  ];
  if (upserts.length)
    await trx('dlq_offsets').insert(upserts).onConflict(['topic', 'partition']).merge(['high']);
  return added;
}
