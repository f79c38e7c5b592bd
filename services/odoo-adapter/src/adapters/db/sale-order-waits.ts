import type { InboxEvent } from '@o2c/inbox';
import type { Knex } from 'knex';

/** An event of an order waiting for the order's sale order to be confirmed in Odoo. */
export interface WaitingEvent {
  orderId: string;
  /** As consumed, without its raw bytes. */
  message: Omit<InboxEvent, 'raw'>;
  reason: string;
}

const table = (db: Knex) => db('odoo_waiting_for_sale_order');

/**
 * Serialises, per order, parking an event and resuming the order's parked events (held to the end
 * of the transaction): an event that finds nothing parked ahead of it, and its sale order not
 * ready, is parked before any resume of the order can look; one that comes while others wait
 * queues behind them.
 */
export async function lockOrderEvents(trx: Knex.Transaction, orderId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `odoo-order-events:${orderId}`,
  ]);
}

/** How many of the order's events wait (call under the order's lock). */
export async function waitingCount(trx: Knex.Transaction, orderId: string): Promise<number> {
  const row = await table(trx).where({ order_id: orderId }).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Parks an event (a redelivery keeps its place and takes the new reason). */
export async function park(trx: Knex.Transaction, e: WaitingEvent): Promise<void> {
  await table(trx)
    .insert({
      event_id: e.message.metadata.eventId,
      order_id: e.orderId,
      event_type: e.message.metadata.eventType,
      message: JSON.stringify(e.message),
      reason: e.reason,
    })
    .onConflict('event_id')
    .merge(['reason']);
}

/** The order's waiting events, in arrival order. */
export async function waitingOf(trx: Knex.Transaction, orderId: string): Promise<WaitingEvent[]> {
  const rows = await table(trx)
    .where({ order_id: orderId })
    .orderBy('seq')
    .select<Array<{ message: WaitingEvent['message']; reason: string }>>('message', 'reason');
  return rows.map((r) => ({ orderId, message: r.message, reason: r.reason }));
}

/** A resume attempt that did not get through: the event keeps its place with the new reason. */
export async function stillWaiting(db: Knex, eventId: string, reason: string): Promise<void> {
  await table(db)
    .where({ event_id: eventId })
    .update({ reason, attempts: db.raw('attempts + 1') });
}

export async function resumed(trx: Knex.Transaction, eventId: string): Promise<void> {
  await table(trx).where({ event_id: eventId }).delete();
}

/**
 * A page of the orders with waiting events, in the order their first event came, from after the
 * one whose first event is `afterSeq`: pages in turn, so orders stuck for good never starve the rest.
 */
export async function ordersWaiting(
  db: Knex,
  limit: number,
  afterSeq = 0,
): Promise<Array<{ orderId: string; seq: number }>> {
  const rows = await table(db)
    .groupBy('order_id')
    .havingRaw('min(seq) > ?', [afterSeq])
    .orderByRaw('min(seq)')
    .limit(limit)
    .select<Array<{ order_id: string; seq: string }>>('order_id', db.raw('min(seq) as seq'));
  return rows.map((r) => ({ orderId: r.order_id, seq: Number(r.seq) }));
}
