import type { Knex } from 'knex';
import { formatDocumentNumber, numberingYear, type DocumentSeries } from '../../domain';

/**
 * The next legal number of a series, inside the caller's transaction. The counter row stays
 * locked until that transaction ends, so numbers are handed out in commit order and a rollback
 * gives its number back: no gaps, no duplicates.
 */
export async function nextDocumentNumber(
  trx: Knex.Transaction,
  series: DocumentSeries,
  issuedAt: number,
): Promise<string> {
  const year = numberingYear(issuedAt);
  const [row] = await trx('document_numbers')
    .insert({ series, year, last: 1 })
    .onConflict(['series', 'year'])
    .merge({ last: trx.raw('document_numbers.last + 1') })
    .returning<Array<{ last: number }>>('last');
  return formatDocumentNumber(series, year, row!.last);
}
