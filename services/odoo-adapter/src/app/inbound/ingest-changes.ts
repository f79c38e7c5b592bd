import type { OdooRecord } from '@o2c/odoo-client';
import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { OdooDeps } from '../odoo-deps';
import type { ChangeFeed } from './change-feed';

/**
 * Emits events for the records not seen before at this write_date, in the caller's transaction:
 * the (model, id, write_date) rows and the outbox rows commit together, so polling, its overlap
 * window and webhooks never emit one change twice, and a crash emits it on the next pass.
 */
export async function ingestChanges(
  trx: Knex.Transaction,
  feed: ChangeFeed,
  records: OdooRecord[],
  deps: OdooDeps & { outbox: Outbox; topicPrefix: string },
): Promise<number> {
  if (records.length === 0) return 0;
  const inserted: Array<{ record_id: number; write_date: string }> = await trx('odoo_seen_changes')
    .insert(
      records.map((r) => ({
        model: feed.model,
        record_id: r.id,
        write_date: String(r.write_date),
      })),
    )
    .onConflict(['model', 'record_id', 'write_date'])
    .ignore()
    .returning(['record_id', 'write_date']);
  const fresh = new Set(inserted.map((r) => `${r.record_id}@${r.write_date}`));
  const changed = records.filter((r) => fresh.has(`${r.id}@${String(r.write_date)}`));
  if (changed.length === 0) return 0;
  const events = await feed.toEvents(changed, deps);
  await deps.outbox.append(
    trx,
    events.map((e) => ({ ...e, topic: deps.topicPrefix + e.topic })),
  );
  return changed.length;
}
