import type { Knex } from 'knex';
import { enqueueDeliveries } from '../adapters/db/delivery-store';
import { findOrderFacts, saveOrderFacts } from '../adapters/db/order-facts-store';
import { subscriptionsFor } from '../adapters/db/subscription-store';
import { hasFilter, wants, webhookBody } from '../domain';

export interface ConsumedEvent {
  eventId: string;
  eventType: string;
  occurredAt: number;
  data: Record<string, unknown>;
}

/** Thrown (and retried by the inbox with back-off) when a filter needs an order not seen yet. */
export class OrderNotSeenYetError extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} not seen yet: a subscription filters on its channel or customer`);
    this.name = 'OrderNotSeenYetError';
  }
}

/**
 * In the inbox transaction: remembers an order's channel and customer (for filters) and queues one
 * delivery per subscription that wants the event. Returns how many were queued.
 */
export async function recordEvent(
  trx: Knex.Transaction,
  event: ConsumedEvent,
  newId: () => string,
): Promise<number> {
  const orderId = event.data.orderId;
  if (typeof orderId !== 'string') return 0;
  if (event.eventType === 'OrderAccepted' || event.eventType === 'OrderRejected') {
    const { channelCode, customerId } = event.data as { channelCode: string; customerId?: string };
    await saveOrderFacts(trx, orderId, { channel: channelCode, customerId: customerId ?? null });
  }
  const subscriptions = await subscriptionsFor(trx, event.eventType);
  if (subscriptions.length === 0) return 0;
  const filtered = subscriptions.some(hasFilter);
  const order = filtered ? await findOrderFacts(trx, orderId) : undefined;
  if (filtered && !order) throw new OrderNotSeenYetError(orderId);
  const body = webhookBody({ ...event, orderId });
  const wanted = subscriptions.filter((s) => wants(s, event.eventType, order));
  await enqueueDeliveries(
    trx,
    wanted.map((s) => ({
      id: newId(),
      subscriptionId: s.id,
      eventId: event.eventId,
      eventType: event.eventType,
      orderId,
      body,
    })),
  );
  return wanted.length;
}
