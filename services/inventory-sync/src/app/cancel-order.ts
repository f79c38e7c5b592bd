import type { OrderCancelled } from '@o2c/contracts';
import type { Knex } from 'knex';
import { cancelBackorders } from '../adapters/db/backorder-repository';
import { reservationsOfOrder } from '../adapters/db/reservation-repository';
import type { Cause, InventoryDeps } from './inventory-deps';
import { releaseReservations } from './release-reservations';

/**
 * OrderCancelled: open backorders are cancelled first (so the release cannot refill them), then
 * every reservation not yet dispatched is released. Cancelling an order we never saw waits for
 * its OrderAccepted (they share a partition, so that only happens after a loss).
 */
export async function cancelOrder(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  event: OrderCancelled,
): Promise<void> {
  const order: unknown = await trx('orders').where({ order_id: event.orderId }).forUpdate().first();
  if (!order) return;
  await trx('orders').where({ order_id: event.orderId }).update({ state: 'cancelled' });
  await cancelBackorders(trx, event.orderId);
  const reservations = await reservationsOfOrder(trx, event.orderId);
  await releaseReservations(trx, deps, cause, event.orderId, reservations, 'ORDER_CANCELLED');
}
