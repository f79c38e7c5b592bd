import type { Db } from '@o2c/db';
import type { OdooRecord } from '@o2c/odoo-client';
import { advanceCursor, EPOCH, nextSecond, pollFrom, toOdooDate } from '../../domain/poll-window';
import type { ChangeFeed } from './change-feed';
import { ingestChanges, type IngestDeps } from './ingest-changes';

export interface PollDeps extends IngestDeps {
  db: Db;
  overlapMs: number;
  pageSize?: number;
}

/**
 * One poll of a feed, from the stored cursor minus the overlap, in whole-second buckets: Odoo
 * reads write_date back in seconds but stores microseconds, so a keyset on the value read
 * (`write_date = x and id > y`) matches nothing and `write_date > x` repeats the same page.
 *
 * Each page reads `write_date >= from` in (write_date, id) order. Every second before the page's
 * last one is then complete; the next page starts at that last second (re-read records are
 * deduplicated). A page that lies entirely in one second means more than a page share it: that
 * second is drained by id (`>= s and < s+1s and id > last`) before moving to the next second.
 * Both steps move `from` forward, so the poll neither loops nor skips, whatever shares a second;
 * a record written meanwhile gets a later write_date and is read later in this poll or the next.
 */
export async function pollFeed(feed: ChangeFeed, deps: PollDeps): Promise<number> {
  const pageSize = deps.pageSize ?? 200;
  const row = (await deps.db('odoo_poll_cursors').where({ model: feed.model }).first()) as
    { cursor: string } | undefined;
  const cursor = row?.cursor ?? EPOCH;
  let current = cursor;
  let emitted = 0;
  // The feed's first poll ever is the initial sync of all Odoo holds: not a delay to time.
  const ingestDeps: IngestDeps = row ? deps : { ...deps, onSynced: () => undefined };
  const read = (window: unknown[], order: string) =>
    deps.odoo.searchRead(feed.model, [...feed.domain, ...window], {
      fields: [...feed.fields, 'write_date'],
      order,
      limit: pageSize,
    });
  const ingest = (page: OdooRecord[]) =>
    deps.db.transaction(async (trx) => {
      emitted += await ingestChanges(trx, feed, page, ingestDeps);
      current = advanceCursor(
        current,
        page.map((r) => String(r.write_date)),
      );
      await trx('odoo_poll_cursors')
        .insert({ model: feed.model, cursor: current })
        .onConflict('model')
        .merge();
    });
  const drainSecond = async (second: string) => {
    for (let lastId = 0; ;) {
      const page = await read(
        [
          ['write_date', '>=', second],
          ['write_date', '<', nextSecond(second)],
          ['id', '>', lastId],
        ],
        'id asc',
      );
      await ingest(page);
      const last = page.at(-1);
      if (page.length < pageSize || !last) return;
      lastId = last.id;
    }
  };

  let from = pollFrom(cursor, deps.overlapMs);
  for (;;) {
    const page = await read([['write_date', '>=', from]], 'write_date asc, id asc');
    await ingest(page);
    const first = page[0];
    const last = page.at(-1);
    if (page.length < pageSize || !first || !last) break;
    const lastSecond = String(last.write_date);
    if (String(first.write_date) === lastSecond) {
      await drainSecond(lastSecond);
      from = nextSecond(lastSecond);
    } else from = lastSecond;
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
