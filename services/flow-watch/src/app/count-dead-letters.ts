import type { Knex } from 'knex';
import { advanceDeadLetterOffsets } from '../adapters/db/dead-letter-store';
import { addToBucket, ensureSubjects } from '../adapters/db/flow-store';
import { bucketStart } from '../domain';

/**
 * Counts the dead letters written since the last read in the current bucket, per source topic:
 * their time is when flow-watch saw them (within one poll interval of their writing). Every
 * topic of `sources` is a subject from its first read, so a first burst of letters is judged too.
 */
export async function countDeadLetters(
  db: Knex,
  offsets: Parameters<typeof advanceDeadLetterOffsets>[1],
  sources: readonly string[],
  now: number,
  bucketMs: number,
): Promise<Map<string, number>> {
  const bucket = bucketStart(now, bucketMs);
  return db.transaction(async (trx) => {
    await ensureSubjects(trx, 'dead_letter_rate', sources, bucket);
    const added = await advanceDeadLetterOffsets(trx, offsets);
    for (const [subject, n] of added)
      await addToBucket(trx, { series: 'dead_letter_rate', subject, bucketStart: bucket, n });
    return added;
  });
}
