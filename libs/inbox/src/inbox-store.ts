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

/** What the attempt row says before a run: runs started (this one included) and failures recorded. */
export interface AttemptCounts {
  starts: number;
  failures: number;
  /** Event id of the dead letter this message's key waits behind (inbox_004), if any. */
  blockedBy: string | null;
}

/**
 * Records that a run starts, in its own small transaction (see inbox_003), before the handler:
 * the evidence that survives a SIGKILL. A start that ends in neither success nor a recorded
 * failure was a crash.
 */
export async function beginAttempt(
  db: Db,
  key: AttemptKey,
  messageKey: string | null,
): Promise<AttemptCounts> {
  const { rows } = await db.raw<{ rows: Array<AttemptCounts & { blocked_by: string | null }> }>(
    'select starts, failures, blocked_by from inbox_begin_attempt(?, ?, ?, ?, ?)',
    [key.groupId, key.topic, key.partition, key.offset, messageKey],
  );
  const row = rows[0];
  return row
    ? { starts: row.starts, failures: row.failures, blockedBy: row.blocked_by }
    : { starts: 1, failures: 0, blockedBy: null };
}

/**
 * Takes back one started run (the handler waited on an unavailable dependency). Unless a failure
 * was recorded already, why it waits becomes the last error, kept while it waits: an operator
 * sees what holds the partition, under one signature however often the outage's message changes
 * (o2c-ops triage).
 */
export async function forgetAttempt(db: Db, key: AttemptKey, error: Error): Promise<void> {
  await db('inbox_attempts')
    .where(attemptWhere(key))
    .update({
      starts: db.raw('greatest(starts - 1, 0)'),
      last_error: db.raw('coalesce(last_error, ?)', [
        `${error.name}: ${error.message}`.slice(0, 2000),
      ]),
    });
}

/** Counts one failed run (the handler threw): only these use up `maxAttempts`. */
export async function recordFailure(db: Db, key: AttemptKey, error: Error): Promise<void> {
  await db('inbox_attempts')
    .where(attemptWhere(key))
    .update({
      attempts: db.raw('attempts + 1'),
      last_error: `${error.name}: ${error.message}`.slice(0, 2000),
    });
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

/** The offsets of one fetched batch of one partition, and its messages' keys. */
export interface BatchRange {
  groupId: string;
  topic: string;
  partition: number;
  from: string;
  to: string;
}

/**
 * Records the range in flight (see inbox_005) and answers whether it must take the careful,
 * one-message-at-a-time path: the process died inside it before, some offset has attempt
 * history, or a key is blocked behind a dead letter.
 */
export async function beginBatch(
  db: Db,
  range: BatchRange,
  messageKeys: string[],
): Promise<{ careful: boolean }> {
  const { rows } = await db.raw<{ rows: Array<{ careful: boolean }> }>(
    'select inbox_begin_batch(?, ?, ?, ?, ?, ?::text[]) as careful',
    [range.groupId, range.topic, range.partition, range.from, range.to, messageKeys],
  );
  return { careful: rows[0]?.careful ?? true };
}

/**
 * Takes a transaction-scoped advisory lock per message key, in one order (by hash) for every
 * batch: handlers lock rows of their key (an order's row, its outbox sequence) as they go, so two
 * batches holding keys in different orders (two topics, two partitions) deadlocked, each costing
 * Postgres' deadlock_timeout (1 s) and the batch's redo one message at a time.
 */
export async function lockKeys(trx: Knex.Transaction, keys: string[]): Promise<void> {
  await trx.raw(
    `select pg_advisory_xact_lock(h)
     from (select hashtextextended('inbox-key:' || k, 0) as h from unnest(?::text[]) k order by 1) s`,
    [keys],
  );
}

/**
 * Records a batch's events in the inbox and clears its range in flight, with one statement in the
 * batch's own transaction; returns the ids that were new. Only this range is cleared, never one
 * that a new owner of the partition recorded meanwhile (a rebalance); and until the batch commits,
 * that owner's `beginBatch` waits on the row this one deletes.
 */
export async function claimEvents(
  trx: Knex.Transaction,
  range: BatchRange,
  events: Array<{ offset: string; metadata: EventMetadata }>,
): Promise<Set<string>> {
  const inFlight = {
    consumer_group: range.groupId,
    topic: range.topic,
    partition: range.partition,
    from_offset: range.from,
    to_offset: range.to,
  };
  const inserted: Array<{ event_id: string }> = await trx('inbox')
    .with('ended', (q) => q.from('inbox_batches').where(inFlight).delete())
    .insert(
      events.map(({ offset, metadata }) => ({
        consumer_group: range.groupId,
        event_id: metadata.eventId,
        event_type: metadata.eventType,
        topic: range.topic,
        partition: range.partition,
        offset,
      })),
    )
    .onConflict(['consumer_group', 'event_id'])
    .ignore()
    .returning('event_id');
  return new Set(inserted.map((r) => r.event_id));
}

/** Takes back inbox rows of events the batch did not get to (its transaction still open). */
export async function unclaimEvents(
  trx: Knex.Transaction,
  groupId: string,
  eventIds: string[],
): Promise<void> {
  if (eventIds.length === 0) return;
  await trx('inbox').where({ consumer_group: groupId }).whereIn('event_id', eventIds).delete();
}
