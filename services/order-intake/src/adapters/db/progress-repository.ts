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
}

/** Whether the order's timeline already holds another event of this type. */
const seenBefore = async (trx: Knex, orderId: string, eventId: string, type: string) =>
  (await trx('order_events')
    .where({ order_id: orderId, event_type: type })
    .whereNot({ event_id: eventId })
    .first('event_id')) !== undefined;

/**
 * Appends a downstream event to the order's timeline and folds it into status and progress, in the
 * caller's transaction. The timeline's event id is the dedupe: a replayed event changes nothing.
 * The first event of a stage's type reports the stage reached, timed from the order's receipt to
 * the event's own time (so a replay or a consumer's lag does not stretch it).
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
    .first<LockedOrder | undefined>('status', 'progress', 'received_at', 'created_at');
  if (!row) return { outcome: 'unknown-order' };
  const inserted = await trx('order_events')
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
  if (!inserted.length) return { outcome: 'duplicate' };
  const next = followProgress(
    { status: row.status, progress: row.progress ?? initialProgress },
    event,
  );
  await trx('orders')
    .where({ order_id: orderId })
    .update({
      status: next.status,
      progress: JSON.stringify(next.progress),
      updated_at: trx.fn.now(),
    });
  // An imported order was received by Odoo long before: no stage of ours to time.
  const stage = row.status === 'imported' ? undefined : stageOf(event.type);
  if (!stage || (await seenBefore(trx, orderId, eventId, event.type)))
    return { outcome: 'applied' };
  const receivedAt = (row.received_at ?? row.created_at).getTime();
  return { outcome: 'applied', reached: { stage, seconds: stageSeconds(receivedAt, occurredAt) } };
}
