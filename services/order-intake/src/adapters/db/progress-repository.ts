import type { Knex } from 'knex';
import {
  followProgress,
  initialProgress,
  stageOf,
  stageSeconds,
  type OrderProgress,
  type OrderStage,
  type OrderStatus,
  type ProgressEvent,
} from '../../domain/order';

export type ProgressOutcome =
  | { outcome: 'applied'; reached?: { stage: OrderStage; seconds: number } }
  | { outcome: 'duplicate' | 'unknown-order' };

interface LockedOrder {
  status: OrderStatus;
  progress: OrderProgress | null;
  received_at: Date | null;
  created_at: Date;
  /** The timeline holds another event of this type already. */
  seen_before: boolean;
}

/**
 * Appends a downstream event to the order's timeline and folds it into status and progress, in the
 * caller's transaction, with two statements: lock the order (and look for an earlier event of the
 * type), then insert the event and update the order in one. The timeline's event id is the
 * dedupe: a replayed event changes nothing. The first event of a stage's type reports the stage
 * reached, timed from the order's receipt to the event's own time (so a replay or a consumer's lag
 * does not stretch it).
 */
export async function applyProgressEvent(
  trx: Knex.Transaction,
  orderId: string,
  eventId: string,
  occurredAt: number,
  event: ProgressEvent,
): Promise<ProgressOutcome> {
  const row = await trx('orders')
    .where({ order_id: orderId })
    .forUpdate()
    .first<LockedOrder | undefined>(
      'status',
      'progress',
      'received_at',
      'created_at',
      trx.raw(
        `exists (select 1 from order_events e where e.order_id = orders.order_id
           and e.event_type = ? and e.event_id <> ?) as seen_before`,
        [event.type, eventId],
      ),
    );
  if (!row) return { outcome: 'unknown-order' };
  const next = followProgress(
    { status: row.status, progress: row.progress ?? initialProgress },
    event,
  );
  const appended = trx('order_events')
    .insert({
      event_id: eventId,
      order_id: orderId,
      event_type: event.type,
      occurred_at: new Date(occurredAt),
      data: JSON.stringify(event.data),
    })
    .onConflict('event_id')
    .ignore()
    .returning('event_id');
  const updated = await trx('orders')
    .with('appended', appended)
    .where({ order_id: orderId })
    .whereExists(trx.select(1).from('appended'))
    .update({
      status: next.status,
      progress: JSON.stringify(next.progress),
      updated_at: trx.fn.now(),
    })
    .returning('order_id');
  if (!updated.length) return { outcome: 'duplicate' };
  // An imported order was received by Odoo long before: no stage of ours to time.
  const stage = row.status === 'imported' ? undefined : stageOf(event.type);
  if (!stage || row.seen_before) return { outcome: 'applied' };
  const receivedAt = (row.received_at ?? row.created_at).getTime();
  return { outcome: 'applied', reached: { stage, seconds: stageSeconds(receivedAt, occurredAt) } };
}
