import type { Knex } from 'knex';
import {
  followProgress,
  initialProgress,
  type OrderProgress,
  type OrderStatus,
  type ProgressEvent,
} from '../../domain/order';

export type ProgressOutcome = 'applied' | 'duplicate' | 'unknown-order';

/**
 * Appends a downstream event to the order's timeline and folds it into status and progress, in the
 * caller's transaction. The timeline's event id is the dedupe: a replayed event changes nothing.
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
    .first<{ status: OrderStatus; progress: OrderProgress | null } | undefined>(
      'status',
      'progress',
    );
  if (!row) return 'unknown-order';
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
  if (!inserted.length) return 'duplicate';
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
  return 'applied';
}
