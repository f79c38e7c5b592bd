import { createHash } from 'node:crypto';
import type { OdooRecord } from '@o2c/odoo-client';
import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { OdooDeps } from '../odoo-deps';
import type { ChangeFeed } from './change-feed';

/**
 * write_date has one-second precision: two changes of a record within one second share it. The
 * values the feed reads tell them apart, so the dedupe key is (model, id, write_date, values).
 */
const fingerprint = (feed: ChangeFeed, record: OdooRecord) =>
  createHash('sha1')
    .update(JSON.stringify(feed.fields.map((f) => record[f] ?? null)))
    .digest('base64url');

/**
 * Emits events for the records not seen before with these values, in the caller's transaction:
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
  const rows = records.map((r) => ({
    model: feed.model,
    record_id: r.id,
    write_date: String(r.write_date),
    fingerprint: fingerprint(feed, r),
  }));
  const inserted: Array<{ record_id: number; fingerprint: string }> = await trx('odoo_seen_changes')
    .insert(rows)
    .onConflict(['model', 'record_id', 'write_date', 'fingerprint'])
    .ignore()
    .returning(['record_id', 'fingerprint']);
  const fresh = new Set(inserted.map((r) => `${r.record_id}@${r.fingerprint}`));
  const changed = records.filter((r, i) => fresh.has(`${r.id}@${rows[i]?.fingerprint}`));
  if (changed.length === 0) return 0;
  const events = await feed.toEvents(changed, deps);
  await deps.outbox.append(
    trx,
    events.map((e) => ({ ...e, topic: deps.topicPrefix + e.topic })),
  );
  return changed.length;
}
