import type { Db } from '@o2c/db';
import type { EventMetadata } from '@o2c/kafka';
import type { Knex } from 'knex';

/** One delivery position of one group: what crash-aware attempt counting is keyed by. */
export interface AttemptKey {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
}

const attemptWhere = (k: AttemptKey) => ({
  consumer_group: k.groupId,
  topic: k.topic,
  partition: k.partition,
  offset: k.offset,
});

/** Counts one more started attempt in its own small transaction (see inbox_002); returns the total. */
export async function startAttempt(db: Db, key: AttemptKey): Promise<number> {
  const { rows } = await db.raw<{ rows: Array<{ attempts: number }> }>(
    'select inbox_start_attempt(?, ?, ?, ?) as attempts',
    [key.groupId, key.topic, key.partition, key.offset],
  );
  return rows[0]?.attempts ?? 1;
}

/** Takes back one counted attempt (the handler waited on an unavailable dependency). */
export async function forgetAttempt(db: Db, key: AttemptKey): Promise<void> {
  await db('inbox_attempts')
    .where(attemptWhere(key))
    .update({ attempts: db.raw('greatest(attempts - 1, 0)') });
}

export async function recordFailure(db: Db, key: AttemptKey, error: Error): Promise<void> {
  await db('inbox_attempts')
    .where(attemptWhere(key))
    .update({ last_error: `${error.name}: ${error.message}`.slice(0, 2000) });
}

export async function lastFailure(db: Db, key: AttemptKey): Promise<string | undefined> {
  const row = await db('inbox_attempts')
    .where(attemptWhere(key))
    .first<{ last_error: string | null } | undefined>('last_error');
  return row?.last_error ?? undefined;
}

export async function finishAttempt(db: Db | Knex.Transaction, key: AttemptKey): Promise<void> {
  await db('inbox_attempts').where(attemptWhere(key)).delete();
}

/**
 * Records the event in the inbox; false when this group already has it. A concurrent insert of
 * the same id (two members during a rebalance) waits on the primary key until the other
 * transaction ends, so exactly one of them sees true.
 */
export async function claimEvent(
  trx: Knex.Transaction,
  key: AttemptKey,
  metadata: EventMetadata,
): Promise<boolean> {
  const inserted = await trx('inbox')
    .insert({
      consumer_group: key.groupId,
      event_id: metadata.eventId,
      event_type: metadata.eventType,
      topic: key.topic,
      partition: key.partition,
      offset: key.offset,
    })
    .onConflict(['consumer_group', 'event_id'])
    .ignore()
    .returning('event_id');
  return inserted.length > 0;
}
