import type { Db } from '@o2c/db';
import type { AttemptKey } from './inbox-store';

/** A parked-key row: the head dead letter of a key, or an event parked behind it. */
export interface ParkedEntry {
  key: AttemptKey;
  messageKey: string;
  eventId: string;
  headEventId: string;
}

/**
 * Records a dead letter (head) or a parked event; idempotent, since a crash between the DLQ
 * publish and the offset commit delivers the same offset again.
 */
export async function recordParked(db: Db, entry: ParkedEntry): Promise<void> {
  await db('inbox_parked')
    .insert({
      consumer_group: entry.key.groupId,
      topic: entry.key.topic,
      partition: entry.key.partition,
      offset: entry.key.offset,
      message_key: entry.messageKey,
      event_id: entry.eventId,
      head_event_id: entry.headEventId,
    })
    .onConflict(['consumer_group', 'topic', 'partition', 'offset'])
    .ignore();
}

/**
 * Unblocks a key: its head came back (redrive) or was discarded. The events parked behind it
 * are then processed as they come back, in the order they are redriven.
 */
export async function releaseKey(
  db: Db,
  where: { groupId: string; topic: string; headEventId: string },
): Promise<number> {
  return db('inbox_parked')
    .where({
      consumer_group: where.groupId,
      topic: where.topic,
      head_event_id: where.headEventId,
    })
    .delete();
}

/** A blocked key, as the SRE tooling lists it. */
export interface BlockedKey {
  groupId: string;
  topic: string;
  messageKey: string;
  headEventId: string;
  headOrigin: string;
  parked: number;
  since: Date;
}

/** Keys waiting behind a dead letter, oldest first, optionally of one consumer group. */
export async function listBlockedKeys(db: Db, groupId?: string): Promise<BlockedKey[]> {
  const rows = await db('inbox_parked as h')
    .where('h.event_id', db.ref('h.head_event_id'))
    .modify((q) => (groupId ? void q.where('h.consumer_group', groupId) : undefined))
    .select(
      'h.consumer_group',
      'h.topic',
      'h.message_key',
      'h.head_event_id',
      'h.partition',
      'h.offset',
      'h.parked_at',
      db.raw(
        `(select count(*) from inbox_parked p where p.consumer_group = h.consumer_group
           and p.topic = h.topic and p.head_event_id = h.head_event_id
           and p.event_id <> p.head_event_id)::int as parked`,
      ),
    )
    .orderBy('h.parked_at')
    .then((r: unknown) => r as Array<Record<string, unknown>>);
  return rows.map((r) => ({
    groupId: String(r.consumer_group),
    topic: String(r.topic),
    messageKey: String(r.message_key),
    headEventId: String(r.head_event_id),
    headOrigin: `${String(r.topic)}/${Number(r.partition)}/${String(r.offset)}`,
    parked: Number(r.parked),
    since: r.parked_at as Date,
  }));
}
