import { createHash } from 'node:crypto';
import type { OdooRecord } from '@o2c/odoo-client';
import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import { afterCommit } from '@o2c/db';
import type { OdooDeps } from '../odoo-deps';
import { odooWriteDateOf, type ChangeFeed } from './change-feed';

export interface IngestDeps extends OdooDeps {
  outbox: Outbox;
  topicPrefix: string;
  /** Once per event appended, after the commit: seconds from Odoo's write_date to the append. */
  onSynced?: (model: string, seconds: number) => void;
}

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
  deps: IngestDeps,
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
  const events = await feed.toEvents(changed, deps, trx);
  await deps.outbox.append(
    trx,
    events.map((e) => ({ ...e, topic: deps.topicPrefix + e.topic })),
  );
  const appendedAt = Date.now();
  const writtenAt = feed.writtenAt ?? odooWriteDateOf;
  // write_date is read back in whole seconds: a delay may read up to a second long.
  const delays = events.flatMap((e) => {
    const at = writtenAt(e);
    return at === undefined ? [] : [Math.max(0, appendedAt - at) / 1000];
  });
  afterCommit(trx, () => delays.forEach((seconds) => deps.onSynced?.(feed.model, seconds)));
  return changed.length;
}
