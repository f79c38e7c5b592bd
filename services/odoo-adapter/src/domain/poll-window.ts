/**
 * Change detection by `write_date`, which Odoo sets to the transaction's START time: a long
 * transaction can commit rows older than a cursor that already moved on. Each poll therefore
 * re-reads an overlap window behind the cursor; what it already emitted is recognised by
 * (record id, write_date) and skipped.
 *
 * Odoo stores write_date with microseconds but reads it back in whole seconds, so a value read
 * back never equals the stored one: the poll works in whole-second buckets (`>=` a second's
 * start, `<` the next one's), never with `=` or `>` on a value it read.
 */
export const EPOCH = '1970-01-01 00:00:00';

const toMs = (odooDate: string) => Date.parse(`${odooDate.slice(0, 19).replace(' ', 'T')}Z`);
export const toOdooDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Where the next poll starts reading: the cursor minus the overlap (never before the epoch). */
export const pollFrom = (cursor: string, overlapMs: number): string =>
  toOdooDate(Math.max(0, toMs(cursor) - overlapMs));

/** The start of the second after the one `odooDate` falls in. */
export const nextSecond = (odooDate: string): string => toOdooDate(toMs(odooDate) + 1000);

/** The cursor after seeing `dates`: it only moves forward. */
export const advanceCursor = (cursor: string, dates: readonly string[]): string =>
  dates.reduce((max, d) => (d > max ? d : max), cursor);
