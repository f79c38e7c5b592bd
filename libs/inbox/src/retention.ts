import type { Db } from '@o2c/db';

/** Seven days: replays further back than this could apply events a second time. */
export const DEFAULT_INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface InboxRetention {
  retentionMs: number;
  /** Inbox rows processed before this instant may have been purged (null: never purged). */
  purgedBefore: Date | null;
}

/** Records a group's retention so tools reading this database can honour it. */
export async function declareInboxRetention(db: Db, groupId: string, retentionMs: number) {
  await db('inbox_retention')
    .insert({ consumer_group: groupId, retention_ms: retentionMs })
    .onConflict('consumer_group')
    .merge({ retention_ms: retentionMs, updated_at: db.fn.now() });
}

/**
 * The retention a group declared, for the replay tool: refuse replaying events older than
 * `max(now - retentionMs, purgedBefore)` unless forced, since the inbox no longer dedupes them.
 */
export async function readInboxRetention(
  db: Db,
  groupId: string,
): Promise<InboxRetention | undefined> {
  const row = await db('inbox_retention')
    .where({ consumer_group: groupId })
    .first<{ retention_ms: string; purged_before: Date | null } | undefined>();
  return row && { retentionMs: Number(row.retention_ms), purgedBefore: row.purged_before };
}

/**
 * Deletes a group's inbox rows processed before `now - retentionMs`, in batches so no long lock
 * is held, plus attempt rows of that age (offsets that will not come back). Returns rows deleted.
 */
export async function purgeInbox(
  db: Db,
  options: { groupId: string; retentionMs: number; now?: Date; batchSize?: number },
): Promise<number> {
  const before = new Date((options.now ?? new Date()).getTime() - options.retentionMs);
  const batchSize = options.batchSize ?? 5000;
  let total = 0;
  for (;;) {
    const { rowCount } = await db.raw<{ rowCount: number }>(
      `delete from inbox where ctid in (
         select ctid from inbox where consumer_group = ? and processed_at < ? limit ?)`,
      [options.groupId, before, batchSize],
    );
    total += rowCount;
    if (rowCount < batchSize) break;
  }
  await db('inbox_attempts')
    .where({ consumer_group: options.groupId })
    .andWhere('last_attempt_at', '<', before)
    .delete();
  await db('inbox_retention')
    .insert({
      consumer_group: options.groupId,
      retention_ms: options.retentionMs,
      purged_before: before,
    })
    .onConflict('consumer_group')
    .merge({ purged_before: before, updated_at: db.fn.now() });
  return total;
}
