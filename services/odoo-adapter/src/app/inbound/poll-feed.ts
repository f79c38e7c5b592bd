import type { Db } from '@o2c/db';
import type { Outbox } from '@o2c/outbox';
import { advanceCursor, EPOCH, pollFrom, toOdooDate } from '../../domain/poll-window';
import type { OdooDeps } from '../odoo-deps';
import type { ChangeFeed } from './change-feed';
import { ingestChanges } from './ingest-changes';

export interface PollDeps extends OdooDeps {
  db: Db;
  outbox: Outbox;
  topicPrefix: string;
  overlapMs: number;
  pageSize?: number;
}

/**
 * One poll of a feed: from the stored cursor minus the overlap, page by page on the keyset
 * (write_date, id) so a page boundary inside one second loses nothing. Returns the changes emitted.
 */
export async function pollFeed(feed: ChangeFeed, deps: PollDeps): Promise<number> {
  const pageSize = deps.pageSize ?? 200;
  const row = (await deps.db('odoo_poll_cursors').where({ model: feed.model }).first()) as
    { cursor: string } | undefined;
  const cursor = row?.cursor ?? EPOCH;
  let current = cursor;
  let after: [string, number] = [pollFrom(cursor, deps.overlapMs), 0];
  let emitted = 0;
  for (;;) {
    const [date, lastId] = after;
    const window = [
      '|',
      ['write_date', '>', date],
      '&',
      ['write_date', '=', date],
      ['id', '>', lastId],
    ];
    const page = await deps.odoo.searchRead(feed.model, [...feed.domain, ...window], {
      fields: [...feed.fields, 'write_date'],
      order: 'write_date asc, id asc',
      limit: pageSize,
    });
    const dates = page.map((r) => String(r.write_date));
    await deps.db.transaction(async (trx) => {
      emitted += await ingestChanges(trx, feed, page, deps);
      current = advanceCursor(current, dates);
      await trx('odoo_poll_cursors')
        .insert({ model: feed.model, cursor: current })
        .onConflict('model')
        .merge();
    });
    const last = page.at(-1);
    if (page.length < pageSize || !last) break;
    after = [String(last.write_date), last.id];
  }
  await purgeSeen(deps, feed.model, cursor);
  return emitted;
}

/** Seen keys older than the overlap (plus a margin) can no longer be read again. */
async function purgeSeen(deps: PollDeps, model: string, cursor: string) {
  const horizon = toOdooDate(
    Date.parse(`${cursor.replace(' ', 'T')}Z`) - deps.overlapMs - 3_600_000,
  );
  await deps
    .db('odoo_seen_changes')
    .where('model', model)
    .andWhere('write_date', '<', horizon)
    .delete();
}
